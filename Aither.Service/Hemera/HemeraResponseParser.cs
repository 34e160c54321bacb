using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Aither.Service.Sync;

namespace Aither.Service.Hemera;

/// <summary>
/// Reads Hemera's responses (current and legacy shapes) as they stream in, into the wire models of
/// <see cref="HemeraWireContext"/>, then validates them in one pass into the domain records. Every violation is
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

    /// <summary>One page of <c>GET /api/service/courses</c>: <c>data</c> as an array, or legacy <c>data.courses</c>.</summary>
    public static async ValueTask<IReadOnlyList<CourseSummary>> ReadCoursesAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        var root = await DeserializeAsync(utf8Json, HemeraWireContext.Default.WireNodeWireCoursesResponse, CoursesEntity, cancellationToken)
            .ConfigureAwait(false);
        var check = new Check(CoursesEntity);
        var response = check.Object(root, "$");
        check.Success(response.Success);
        var data = response.Data;
        var path = data.Token switch
        {
            JsonTokenType.StartArray => "data",
            JsonTokenType.StartObject => "data.courses",
            JsonTokenType.None => throw check.Fail("data", "required field is missing"),
            _ => throw check.Fail("data", $"expected an array (or an object with courses), got {KindName(data.Token)}"),
        };
        var courses = check.Array(data.Courses, path);
        var result = new List<CourseSummary>(courses.Count);
        for (var i = 0; i < courses.Count; i++)
        {
            var at = new At(path, i);
            var course = check.Object(courses[i], at.ToString());
            result.Add(new CourseSummary(check.Id(course.Id, at), check.String(course.Title, at, "title"),
                check.String(course.Slug, at, "slug"), check.Level(course.Level, at), check.Date(course.StartDate, at, "startDate"),
                check.Date(course.EndDate, at, "endDate"), check.Count(course.ParticipantCount, at, "participantCount")));
        }

        return result;
    }

    /// <summary><c>GET /api/service/courses/{id}</c>: <c>data</c> as the course, or legacy <c>data.course</c>.</summary>
    public static async ValueTask<CourseDetail> ReadCourseDetailAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        var check = new Check(CourseDetailEntity);
        var response = await DeserializeAsync(utf8Json, HemeraWireContext.Default.WireDetailResponse, CourseDetailEntity, cancellationToken)
            .ConfigureAwait(false) ?? throw check.Fail("$", "expected an object, got null");
        check.Success(response.Success);
        var data = check.Present(response.Data, response.HasData, "data", "an object");
        var path = "data";
        if (data.Id.Token == JsonTokenType.None && data.HasCourse)
        {
            path = "data.course";
            data = check.Present(data.Course, true, path, "an object");
        }

        var at = new At(path);
        var id = check.Id(data.Id, at);
        var title = check.String(data.Title, at, "title");
        var slug = check.String(data.Slug, at, "slug");
        var level = check.Level(data.Level, at);
        var startDate = check.Date(data.StartDate, at, "startDate");
        var endDate = check.Date(data.EndDate, at, "endDate");
        var participantsPath = path + ".participants";
        var participants = check.Present(data.Participants, data.HasParticipants, participantsPath, "an array");
        var list = new Participant[participants.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var pat = new At(participantsPath, i);
            var p = check.Object(participants[i], pat.ToString());
            check.Text(p.ImageUrl, pat, "imageUrl", optional: true);
            list[i] = new Participant(check.Text(p.BookingId, pat, "bookingId", optional: true), check.Text(p.ParticipationId, pat, "participationId"),
                check.String(p.UserId, pat, "userId"), check.Text(p.Name, pat, "name"), check.String(p.Status, pat, "status"),
                check.Text(p.PreparationIntent, pat, "preparationIntent"), check.Text(p.DesiredResults, pat, "desiredResults"),
                check.Text(p.LineManagerProfile, pat, "lineManagerProfile"), check.Date(p.PreparationCompletedAt, pat, "preparationCompletedAt"));
        }

        return new CourseDetail(id, title, slug, level, startDate, endDate, list);
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

    /// <summary>
    /// RFC 3339 date-time with an explicit offset (<c>Z</c> or <c>±hh:mm</c>); fractions beyond 100 ns are truncated.
    /// </summary>
    public static bool TryParseRfc3339(string value, out DateTimeOffset result)
    {
        result = default;
        var match = Rfc3339().Match(value);
        if (!match.Success)
        {
            return false;
        }

        // The pattern fixes the shape; DateTimeOffset checks the calendar, the clock and the offset range.
        var fraction = match.Groups["fraction"];
        var offset = match.Groups["offset"].Value is "Z" or "z" ? "+00:00" : match.Groups["offset"].Value;
        var text = string.Concat(value[..10], "T", value[11..19],
            fraction.Success ? "." + fraction.Value[..Math.Min(7, fraction.Length)] : "", offset);
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out result);
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.(?<fraction>[0-9]+))?(?<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Rfc3339();

    private static async ValueTask<T?> DeserializeAsync<T>(Stream utf8Json, JsonTypeInfo<T> typeInfo, string entity, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(utf8Json, typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex) when (ex.InnerException is null && ex.Path is { } path)
        {
            // A container of the wrong kind where the streaming model expects the course, data or the participants.
            var field = path == "$" ? path : path[2..];
            var expected = field.EndsWith("participants", StringComparison.Ordinal) ? "an array" : "an object";
            throw new SyncFailedException(entity, $"{field}: expected {expected}, got another kind of value");
        }
        catch (JsonException ex)
        {
            // JsonException's own message quotes the offending character; ours gives only the position.
            throw new SyncFailedException(entity, string.Create(CultureInfo.InvariantCulture,
                $"Hemera's response is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})."));
        }
    }

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

        public T Object<T>(WireNode<T> node, string path) where T : class => Node(node, JsonTokenType.StartObject, path);

        public T Array<T>(WireNode<T> node, string path) where T : class => Node(node, JsonTokenType.StartArray, path);

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
            var text => TryParseRfc3339(text, out var date) ? date : throw Fail(at.Field(name), "not an RFC 3339 date"),
        };

        public int Count(WireField field, At at, string name) => field switch
        {
            { Token: JsonTokenType.None } => throw Fail(at.Field(name), "required field is missing"),
            { Integer: int count } when count >= 0 => count,
            _ => throw Fail(at.Field(name), "expected a non-negative integer"),
        };

        private T Node<T>(WireNode<T> node, JsonTokenType expected, string path) where T : class =>
            node.Token == expected ? node.Value! : throw Fail(path, node.Token == JsonTokenType.None
                ? "required field is missing"
                : $"expected {KindName(expected)}, got {KindName(node.Token)}");
    }
}
