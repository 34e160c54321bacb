using System.Text.Json;
using Aither.Service.Sync;

namespace Aither.Service.Hemera;

public static partial class HemeraResponseParser
{
    /// <summary>
    /// Walks the containers of a response as the tokens stream in. Courses and participants are checked as they
    /// arrive, so only the checked records are kept; after the first invalid one the rest are skipped. Which error
    /// wins is decided in the order the checks above name them, not in the order the bytes came.
    /// </summary>
    private sealed class Reader(JsonTokenStream json, Check check, CancellationToken cancellationToken)
    {
        public Check Check => check;

        /// <summary>The first container of the wrong kind (not null) where the course, the data or the participants belong.</summary>
        public SyncFailedException? ShapeError { get; private set; }

        public void ExpectContainer(JsonTokenType token, JsonTokenType expected, string path)
        {
            if (token != expected && token != JsonTokenType.Null)
            {
                ShapeError ??= check.Fail(path, $"expected {KindName(expected)}, got another kind of value");
            }
        }

        /// <summary>
        /// The whole response: its root token and <c>success</c>; at the <c>data</c> property <paramref name="readData"/>
        /// reads the value. Other fields are skipped, and the response must end after its root.
        /// </summary>
        public async ValueTask<(JsonTokenType Root, WireField Success)> ReadEnvelopeAsync(Func<ValueTask> readData)
        {
            await json.ReadAsync(cancellationToken).ConfigureAwait(false);
            var root = json.Token;
            var success = default(WireField);
            while (root == JsonTokenType.StartObject && await json.NextPropertyAsync(cancellationToken).ConfigureAwait(false))
            {
                if (json.NameIs("success"u8))
                {
                    success = await json.ReadFieldAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (json.NameIs("data"u8))
                {
                    await readData().ConfigureAwait(false);
                }
                else
                {
                    await json.ReadFieldAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await json.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return (root, success);
        }

        /// <summary>The course list's <c>data</c>, at its first token: an array of courses or an object with <c>courses</c>.</summary>
        public async ValueTask<(List<CourseSummary>? Items, SyncFailedException? Error)> ReadCourseListAsync()
        {
            switch (json.Token)
            {
                case JsonTokenType.StartArray:
                    return await ReadItemsAsync("data", CourseFields, ToCourseSummary).ConfigureAwait(false);
                case JsonTokenType.StartObject:
                    var courses = default(WireField);
                    (List<CourseSummary>? Items, SyncFailedException? Error) items = default;
                    while (await json.NextPropertyAsync(cancellationToken).ConfigureAwait(false))
                    {
                        await json.ReadAsync(cancellationToken).ConfigureAwait(false);
                        if (!json.NameIs("courses"u8))
                        {
                            await json.SkipAsync(cancellationToken).ConfigureAwait(false);
                            continue;
                        }

                        courses = json.Value;
                        items = courses.Token == JsonTokenType.StartArray
                            ? await ReadItemsAsync("data.courses", CourseFields, ToCourseSummary).ConfigureAwait(false)
                            : (null, null);
                        await json.SkipAsync(cancellationToken).ConfigureAwait(false);
                    }

                    return courses.Token switch
                    {
                        JsonTokenType.StartArray => items,
                        JsonTokenType.None => (null, check.Fail("data.courses", "required field is missing")),
                        var token => (null, check.Fail("data.courses", $"expected an array, got {KindName(token)}")),
                    };
                default:
                    await json.SkipAsync(cancellationToken).ConfigureAwait(false);
                    return default;
            }
        }

        /// <summary>A course's details at the token after <c>"data"</c> (or <c>"course"</c>); null when it is null.</summary>
        public async ValueTask<DetailData?> ReadDetailDataAsync(string path)
        {
            await json.ReadAsync(cancellationToken).ConfigureAwait(false);
            ExpectContainer(json.Token, JsonTokenType.StartObject, path);
            if (json.Token != JsonTokenType.StartObject)
            {
                await json.SkipAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }

            var data = new DetailData();
            while (await json.NextPropertyAsync(cancellationToken).ConfigureAwait(false))
            {
                if (json.Slot(CourseFields) is var slot and >= 0 and < ParticipantCount)
                {
                    data.Fields[slot] = await json.ReadFieldAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (json.NameIs("participants"u8))
                {
                    data.HasParticipants = true;
                    await json.ReadAsync(cancellationToken).ConfigureAwait(false);
                    ExpectContainer(json.Token, JsonTokenType.StartArray, path + ".participants");
                    (data.Participants, data.ParticipantError) = json.Token == JsonTokenType.StartArray
                        ? await ReadItemsAsync(path + ".participants", ParticipantFields, ToParticipant).ConfigureAwait(false)
                        : (null, null);
                    await json.SkipAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (json.NameIs("course"u8))
                {
                    data.HasCourse = true;
                    data.Course = await ReadDetailDataAsync(path + ".course").ConfigureAwait(false);
                }
                else
                {
                    await json.ReadFieldAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return data;
        }

        /// <summary>An array of objects at its start: each is read into its field slots and checked by <paramref name="convert"/>.</summary>
        private async ValueTask<(List<T> Items, SyncFailedException? Error)> ReadItemsAsync<T>(
            string path, byte[][] names, Func<WireField[], At, Check, T> convert)
        {
            var items = new List<T>();
            var fields = new WireField[names.Length];
            SyncFailedException? error = null;
            for (var index = 0; ; index++)
            {
                await json.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (json.Token == JsonTokenType.EndArray)
                {
                    return (items, error);
                }

                var at = new At(path, index);
                if (error is null && json.Token != JsonTokenType.StartObject)
                {
                    error = check.Fail(at.ToString(), $"expected an object, got {KindName(json.Token)}");
                }

                if (error is not null)
                {
                    await json.SkipAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await ReadFieldsAsync(names, fields).ConfigureAwait(false);
                try
                {
                    items.Add(convert(fields, at, check));
                }
                catch (SyncFailedException ex)
                {
                    error = ex;
                }
            }
        }

        /// <summary>An object at its start, into one slot per known name; other fields are skipped.</summary>
        private async ValueTask ReadFieldsAsync(byte[][] names, WireField[] fields)
        {
            Array.Clear(fields);
            if (json.TryReadBufferedObject(names, fields))
            {
                return;
            }

            Array.Clear(fields);
            while (await json.NextPropertyAsync(cancellationToken).ConfigureAwait(false))
            {
                var slot = json.Slot(names);
                var value = await json.ReadFieldAsync(cancellationToken).ConfigureAwait(false);
                if (slot >= 0)
                {
                    fields[slot] = value;
                }
            }
        }
    }

    /// <summary>A course's details as read, before the checks; <see cref="Course"/> is the legacy shape <c>data.course</c>.</summary>
    private sealed class DetailData
    {
        public WireField[] Fields { get; } = new WireField[ParticipantCount];

        public List<Participant>? Participants { get; set; }

        public SyncFailedException? ParticipantError { get; set; }

        public bool HasParticipants { get; set; }

        public DetailData? Course { get; set; }

        public bool HasCourse { get; set; }
    }
}
