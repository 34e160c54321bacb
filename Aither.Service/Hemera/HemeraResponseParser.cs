using System.Globalization;
using System.Text.Json;
using Aither.Service.Sync;

namespace Aither.Service.Hemera;

/// <summary>
/// Reads Hemera's responses (current and legacy shapes) token by token as they stream in, and checks each course
/// and participant into the domain records as it arrives; the body is never held whole. Every violation is
/// thrown as <see cref="SyncFailedException"/> whose message names the JSON path and the problem, e.g.
/// <c>data.participants[3].preparationCompletedAt: not an RFC 3339 date</c>, and never a value from the response.
/// Unknown fields are ignored.
/// </summary>
public static partial class HemeraResponseParser
{
    /// <summary>The job-error entity for the course list.</summary>
    public const string CoursesEntity = SyncErrorEntities.HemeraCourses;

    /// <summary>The job-error entity for a course's details.</summary>
    public const string CourseDetailEntity = SyncErrorEntities.HemeraCourseDetail;

    // Field slots of a course and of a participant, in the order of their names in the tables below.
    private const int Id = 0, Title = 1, Slug = 2, Level = 3, StartDate = 4, EndDate = 5, ParticipantCount = 6;
    private const int BookingId = 0, ParticipationId = 1, UserId = 2, Name = 3, ImageUrl = 4, Status = 5,
        PreparationIntent = 6, DesiredResults = 7, LineManagerProfile = 8, PreparationCompletedAt = 9;

    private static readonly byte[][] CourseFields = Utf8("id", "title", "slug", "level", "startDate", "endDate", "participantCount");

    private static readonly byte[][] ParticipantFields = Utf8("bookingId", "participationId", "userId", "name", "imageUrl", "status",
        "preparationIntent", "desiredResults", "lineManagerProfile", "preparationCompletedAt");

    /// <summary>One page of <c>GET /api/service/courses</c>: <c>data</c> as an array, or legacy <c>data.courses</c>.</summary>
    public static async ValueTask<IReadOnlyList<CourseSummary>> ReadCoursesAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        using var json = new JsonTokenStream(utf8Json, CoursesEntity);
        var reader = new Reader(json, new Check(CoursesEntity), cancellationToken);
        var data = default(WireField);
        (List<CourseSummary>? Items, SyncFailedException? Error) courses = default;
        var (root, success) = await reader.ReadEnvelopeAsync(async () =>
        {
            await json.ReadAsync(cancellationToken).ConfigureAwait(false);
            data = json.Value;
            courses = await reader.ReadCourseListAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
        var check = reader.Check;
        if (root != JsonTokenType.StartObject)
        {
            throw check.Fail("$", $"expected an object, got {KindName(root)}");
        }

        check.Success(success);
        _ = data.Token switch
        {
            JsonTokenType.StartArray or JsonTokenType.StartObject => true,
            JsonTokenType.None => throw check.Fail("data", "required field is missing"),
            _ => throw check.Fail("data", $"expected an array (or an object with courses), got {KindName(data.Token)}"),
        };
        return courses.Error is { } error ? throw error : courses.Items!;
    }

    /// <summary><c>GET /api/service/courses/{id}</c>: <c>data</c> as the course, or legacy <c>data.course</c>.</summary>
    public static async ValueTask<CourseDetail> ReadCourseDetailAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        using var json = new JsonTokenStream(utf8Json, CourseDetailEntity);
        var reader = new Reader(json, new Check(CourseDetailEntity), cancellationToken);
        (bool Present, DetailData? Value) data = default;
        var (root, success) = await reader.ReadEnvelopeAsync(async () =>
            data = (true, await reader.ReadDetailDataAsync("data").ConfigureAwait(false))).ConfigureAwait(false);
        reader.ExpectContainer(root, JsonTokenType.StartObject, "$");
        var check = reader.Check;
        if (reader.ShapeError is { } shapeError)
        {
            // A container of the wrong kind is reported first, wherever it stood.
            throw shapeError;
        }

        if (root != JsonTokenType.StartObject)
        {
            throw check.Fail("$", "expected an object, got null");
        }

        check.Success(success);
        return ToCourseDetail(check.Present(data.Value, data.Present, "data", "an object"), check);
    }

    /// <summary>
    /// Hemera's <c>error.code</c> from an error envelope, when it is a plain code (letters, digits, <c>_</c>, <c>-</c>);
    /// anything else is not echoed.
    /// </summary>
    public static string? TryReadErrorCode(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code"u8, out var code) && code.ValueKind == JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= 64 } value && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static CourseDetail ToCourseDetail(DetailData data, Check check)
    {
        var path = "data";
        if (data.Fields[Id].Token == JsonTokenType.None && data.HasCourse)
        {
            path = "data.course";
            data = check.Present(data.Course, true, path, "an object");
        }

        var at = new At(path);
        var fields = data.Fields;
        var course = new CourseDetail(check.Id(fields[Id], at), check.String(fields[Title], at, "title"), check.String(fields[Slug], at, "slug"),
            check.Level(fields[Level], at), check.Date(fields[StartDate], at, "startDate"), check.Date(fields[EndDate], at, "endDate"),
            check.Present(data.Participants, data.HasParticipants, path + ".participants", "an array"));
        return data.ParticipantError is { } error ? throw error : course;
    }

    private static CourseSummary ToCourseSummary(WireField[] course, At at, Check check) =>
        new(check.Id(course[Id], at), check.String(course[Title], at, "title"), check.String(course[Slug], at, "slug"),
            check.Level(course[Level], at), check.Date(course[StartDate], at, "startDate"), check.Date(course[EndDate], at, "endDate"),
            check.Count(course[ParticipantCount], at, "participantCount"));

    private static Participant ToParticipant(WireField[] participant, At at, Check check)
    {
        check.Text(participant[ImageUrl], at, "imageUrl", optional: true);
        return new Participant(check.Text(participant[BookingId], at, "bookingId", optional: true),
            check.Text(participant[ParticipationId], at, "participationId"), check.String(participant[UserId], at, "userId"),
            check.Text(participant[Name], at, "name"), check.String(participant[Status], at, "status"),
            check.Text(participant[PreparationIntent], at, "preparationIntent"), check.Text(participant[DesiredResults], at, "desiredResults"),
            check.Text(participant[LineManagerProfile], at, "lineManagerProfile"),
            check.Date(participant[PreparationCompletedAt], at, "preparationCompletedAt"));
    }

    private static byte[][] Utf8(params string[] names) => [.. names.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static string KindName(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    /// <summary>Where a value sits, e.g. <c>data.participants[3]</c>; turned into text only for an error.</summary>
    private readonly struct At(string parent, int index = -1)
    {
        public string Field(string name) => $"{this}.{name}";

        public override string ToString() =>
            index < 0 ? parent : string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
    }

    /// <summary>The validating pass: each method returns the checked value or throws naming the path.</summary>
    private readonly struct Check(string entity)
    {
        public SyncFailedException Fail(string path, string problem) => new(entity, $"{path}: {problem}");

        public void Success(WireField success) => _ = success.Token switch
        {
            JsonTokenType.True => true,
            JsonTokenType.None => throw Fail("success", "required field is missing"),
            JsonTokenType.False => throw Fail("success", "expected true, got false"),
            var token => throw Fail("success", $"expected true, got {KindName(token)}"),
        };

        public T Present<T>(T? value, bool present, string path, string expected) where T : class =>
            value ?? throw Fail(path, present ? $"expected {expected}, got null" : "required field is missing");

        public string String(WireField field, At at, string name) => field.Token switch
        {
            JsonTokenType.String => field.Text!,
            JsonTokenType.None => throw Fail(at.Field(name), "required field is missing"),
            _ => throw Fail(at.Field(name), $"expected a string, got {KindName(field.Token)}"),
        };

        public string? Text(WireField field, At at, string name, bool optional = false) => field.Token switch
        {
            JsonTokenType.String => field.Text,
            JsonTokenType.Null => null,
            JsonTokenType.None when optional => null,
            JsonTokenType.None => throw Fail(at.Field(name), "required field is missing"),
            _ => throw Fail(at.Field(name), $"expected a string or null, got {KindName(field.Token)}"),
        };

        public string Id(WireField field, At at) =>
            String(field, at, "id") is { Length: > 0 } id ? id : throw Fail(at.Field("id"), "must not be empty");

        public CourseLevel Level(WireField field, At at) => String(field, at, "level") switch
        {
            "BEGINNER" => CourseLevel.Beginner,
            "INTERMEDIATE" => CourseLevel.Intermediate,
            "ADVANCED" => CourseLevel.Advanced,
            _ => throw Fail(at.Field("level"), "expected BEGINNER, INTERMEDIATE or ADVANCED"),
        };

        public DateTimeOffset? Date(WireField field, At at, string name) => Text(field, at, name) switch
        {
            null => null,
            var text => Rfc3339.TryParse(text, out var date) ? date : throw Fail(at.Field(name), "not an RFC 3339 date"),
        };

        public int Count(WireField field, At at, string name) => field switch
        {
            { Token: JsonTokenType.None } => throw Fail(at.Field(name), "required field is missing"),
            { Integer: int count } when count >= 0 => count,
            _ => throw Fail(at.Field(name), "expected a non-negative integer"),
        };
    }
}
