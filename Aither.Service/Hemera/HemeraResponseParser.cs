using System.Globalization;
using System.Text.Json;
using Aither.Service.Sync;

namespace Aither.Service.Hemera;

/// <summary>
/// Reads and validates Hemera's responses (current and legacy shapes) into the domain records. Every violation
/// is thrown as <see cref="SyncFailedException"/> whose message names the JSON path and the problem, e.g.
/// <c>data.participants[3].preparationCompletedAt: not an RFC 3339 date</c>, and never a value from the response.
/// Unknown fields are ignored.
/// </summary>
public static class HemeraResponseParser
{
    /// <summary>The job-error entity for the course list.</summary>
    public const string CoursesEntity = "hemera.courses";

    /// <summary>The job-error entity for a course's details.</summary>
    public const string CourseDetailEntity = "hemera.course-detail";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    /// <summary>One page of <c>GET /api/service/courses</c>: <c>data</c> as an array, or legacy <c>data.courses</c>.</summary>
    public static IReadOnlyList<CourseSummary> ParseCourses(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = Parse(utf8Json, CoursesEntity);
        return ReadCourses(document.RootElement);
    }

    /// <inheritdoc cref="ParseCourses(ReadOnlyMemory{byte})"/>
    public static IReadOnlyList<CourseSummary> ParseCourses(Stream utf8Json)
    {
        using var document = Parse(utf8Json, CoursesEntity);
        return ReadCourses(document.RootElement);
    }

    /// <summary><c>GET /api/service/courses/{id}</c>: <c>data</c> as the course, or legacy <c>data.course</c>.</summary>
    public static CourseDetail ParseCourseDetail(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = Parse(utf8Json, CourseDetailEntity);
        return ReadCourseDetail(document.RootElement);
    }

    /// <inheritdoc cref="ParseCourseDetail(ReadOnlyMemory{byte})"/>
    public static CourseDetail ParseCourseDetail(Stream utf8Json)
    {
        using var document = Parse(utf8Json, CourseDetailEntity);
        return ReadCourseDetail(document.RootElement);
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
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error"u8, out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code"u8, out var code)
                && code.ValueKind == JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= 64 } value
                && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return value;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>
    /// RFC 3339 date-time with an explicit offset (<c>Z</c> or <c>±hh:mm</c>); fractions beyond 100 ns are truncated.
    /// </summary>
    public static bool TryParseRfc3339(string value, out DateTimeOffset result)
    {
        result = default;
        var s = value.AsSpan();
        if (s.Length < 20
            || !TryDigits(s, 0, 4, out var year) || s[4] != '-'
            || !TryDigits(s, 5, 2, out var month) || s[7] != '-'
            || !TryDigits(s, 8, 2, out var day) || s[10] is not ('T' or 't')
            || !TryDigits(s, 11, 2, out var hour) || s[13] != ':'
            || !TryDigits(s, 14, 2, out var minute) || s[16] != ':'
            || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            i++;
            var digits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (digits < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (s[i] - '0');
                    digits++;
                }

                i++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fractionTicks *= 10;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        TimeSpan offset;
        if (s[i] is 'Z' or 'z' && i + 1 == s.Length)
        {
            offset = TimeSpan.Zero;
        }
        else if (s[i] is '+' or '-' && i + 6 == s.Length
            && TryDigits(s, i + 1, 2, out var offsetHours) && s[i + 3] == ':' && TryDigits(s, i + 4, 2, out var offsetMinutes)
            && offsetMinutes < 60 && (offsetHours < 14 || (offsetHours == 14 && offsetMinutes == 0)))
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (s[i] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        try
        {
            result = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only at the very ends of the calendar (year 1 or 9999 shifted out of range by the offset).
            return false;
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json, string entity)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw NotJson(entity, ex);
        }
    }

    private static JsonDocument Parse(Stream utf8Json, string entity)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw NotJson(entity, ex);
        }
    }

    // JsonException's own message quotes the offending character; ours gives only the position.
    private static SyncFailedException NotJson(string entity, JsonException ex) =>
        new(entity, string.Create(CultureInfo.InvariantCulture,
            $"Hemera's response is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})."));

    private static IReadOnlyList<CourseSummary> ReadCourses(JsonElement root)
    {
        var reader = new Reader(CoursesEntity);
        var data = reader.Envelope(root);
        JsonElement courses;
        string path;
        if (data.ValueKind == JsonValueKind.Array)
        {
            courses = data;
            path = "data";
        }
        else if (data.ValueKind == JsonValueKind.Object)
        {
            path = "data.courses";
            courses = reader.Required(data, "courses"u8, "data", "courses");
            reader.Expect(courses, JsonValueKind.Array, path);
        }
        else
        {
            throw reader.Fail("data", $"expected an array (or an object with courses), got {KindName(data.ValueKind)}");
        }

        var result = new List<CourseSummary>(courses.GetArrayLength());
        var index = 0;
        foreach (var course in courses.EnumerateArray())
        {
            var at = new Location(path, index++);
            reader.Expect(course, JsonValueKind.Object, at.ToString());
            result.Add(new CourseSummary(
                reader.Id(course, at),
                reader.String(course, "title"u8, at, "title"),
                reader.String(course, "slug"u8, at, "slug"),
                reader.Level(course, at),
                reader.Date(course, "startDate"u8, at, "startDate", optional: false),
                reader.Date(course, "endDate"u8, at, "endDate", optional: false),
                reader.Count(course, "participantCount"u8, at, "participantCount")));
        }

        return result;
    }

    private static CourseDetail ReadCourseDetail(JsonElement root)
    {
        var reader = new Reader(CourseDetailEntity);
        var data = reader.Envelope(root);
        reader.Expect(data, JsonValueKind.Object, "data");
        var path = "data";
        if (!data.TryGetProperty("id"u8, out _) && data.TryGetProperty("course"u8, out var legacy))
        {
            path = "data.course";
            reader.Expect(legacy, JsonValueKind.Object, path);
            data = legacy;
        }

        var at = new Location(path);
        var id = reader.Id(data, at);
        var title = reader.String(data, "title"u8, at, "title");
        var slug = reader.String(data, "slug"u8, at, "slug");
        var level = reader.Level(data, at);
        var startDate = reader.Date(data, "startDate"u8, at, "startDate", optional: false);
        var endDate = reader.Date(data, "endDate"u8, at, "endDate", optional: false);

        var participantsPath = path + ".participants";
        var participants = reader.Required(data, "participants"u8, path, "participants");
        reader.Expect(participants, JsonValueKind.Array, participantsPath);
        var list = new Participant[participants.GetArrayLength()];
        var index = 0;
        foreach (var participant in participants.EnumerateArray())
        {
            var pat = new Location(participantsPath, index);
            reader.Expect(participant, JsonValueKind.Object, pat.ToString());
            var bookingId = reader.NullableString(participant, "bookingId"u8, pat, "bookingId", optional: true);
            var participationId = reader.NullableString(participant, "participationId"u8, pat, "participationId", optional: false);
            var userId = reader.String(participant, "userId"u8, pat, "userId");
            var name = reader.NullableString(participant, "name"u8, pat, "name", optional: false);
            reader.NullableString(participant, "imageUrl"u8, pat, "imageUrl", optional: true);
            var status = reader.String(participant, "status"u8, pat, "status");
            list[index++] = new Participant(
                bookingId,
                participationId,
                userId,
                name,
                status,
                reader.NullableString(participant, "preparationIntent"u8, pat, "preparationIntent", optional: false),
                reader.NullableString(participant, "desiredResults"u8, pat, "desiredResults", optional: false),
                reader.NullableString(participant, "lineManagerProfile"u8, pat, "lineManagerProfile", optional: false),
                reader.Date(participant, "preparationCompletedAt"u8, pat, "preparationCompletedAt", optional: false));
        }

        return new CourseDetail(id, title, slug, level, startDate, endDate, list);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Where a value sits, e.g. <c>data.participants[3]</c>; turned into text only for an error.</summary>
    private readonly struct Location(string parent, int index = -1)
    {
        public string Field(string name) => $"{this}.{name}";

        public override string ToString() =>
            index < 0 ? parent : string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
    }

    private readonly struct Reader(string entity)
    {
        public SyncFailedException Fail(string path, string problem) => new(entity, $"{path}: {problem}");

        public JsonElement Envelope(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Fail("$", $"expected an object, got {KindName(root.ValueKind)}");
            }

            var success = Required(root, "success"u8, null, "success");
            if (success.ValueKind != JsonValueKind.True)
            {
                throw Fail("success", success.ValueKind == JsonValueKind.False ? "expected true, got false" : $"expected true, got {KindName(success.ValueKind)}");
            }

            return Required(root, "data"u8, null, "data");
        }

        public JsonElement Required(JsonElement parent, ReadOnlySpan<byte> utf8Name, string? parentPath, string name) =>
            parent.TryGetProperty(utf8Name, out var value)
                ? value
                : throw Fail(parentPath is null ? name : $"{parentPath}.{name}", "required field is missing");

        public void Expect(JsonElement value, JsonValueKind kind, string path)
        {
            if (value.ValueKind != kind)
            {
                throw Fail(path, $"expected {KindName(kind)}, got {KindName(value.ValueKind)}");
            }
        }

        public string String(JsonElement parent, ReadOnlySpan<byte> utf8Name, Location at, string name)
        {
            if (!parent.TryGetProperty(utf8Name, out var value))
            {
                throw Fail(at.Field(name), "required field is missing");
            }

            return value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw Fail(at.Field(name), $"expected a string, got {KindName(value.ValueKind)}");
        }

        public string? NullableString(JsonElement parent, ReadOnlySpan<byte> utf8Name, Location at, string name, bool optional)
        {
            if (!parent.TryGetProperty(utf8Name, out var value))
            {
                return optional ? null : throw Fail(at.Field(name), "required field is missing");
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => throw Fail(at.Field(name), $"expected a string or null, got {KindName(value.ValueKind)}"),
            };
        }

        public string Id(JsonElement parent, Location at)
        {
            var id = String(parent, "id"u8, at, "id");
            return id.Length > 0 ? id : throw Fail(at.Field("id"), "must not be empty");
        }

        public CourseLevel Level(JsonElement parent, Location at)
        {
            var level = String(parent, "level"u8, at, "level");
            return level switch
            {
                "BEGINNER" => CourseLevel.Beginner,
                "INTERMEDIATE" => CourseLevel.Intermediate,
                "ADVANCED" => CourseLevel.Advanced,
                _ => throw Fail(at.Field("level"), "expected BEGINNER, INTERMEDIATE or ADVANCED"),
            };
        }

        public DateTimeOffset? Date(JsonElement parent, ReadOnlySpan<byte> utf8Name, Location at, string name, bool optional)
        {
            var text = NullableString(parent, utf8Name, at, name, optional);
            if (text is null)
            {
                return null;
            }

            return TryParseRfc3339(text, out var date) ? date : throw Fail(at.Field(name), "not an RFC 3339 date");
        }

        public int Count(JsonElement parent, ReadOnlySpan<byte> utf8Name, Location at, string name)
        {
            if (!parent.TryGetProperty(utf8Name, out var value))
            {
                throw Fail(at.Field(name), "required field is missing");
            }

            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
                ? count
                : throw Fail(at.Field(name), "expected a non-negative integer");
        }
    }
}
