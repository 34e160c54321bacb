using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aither.Service.Hemera;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Hemera;

public sealed class HemeraResponseParserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ParseCourses_ReferenceResponse_ReadsEveryCourse()
    {
        var courses = await ParseCourses(Bytes(HemeraJson.Fixture("courses.json")));

        Assert.Equal(["clq8w2x9k0001abcd1234efgh", "cm1k3p7r20004wxyz5678ijkl", "cm2z9d4f60007mnop9012qrst", "cm3a1b2c30009uvwx3456yzab"],
            courses.Select(c => c.Id));
        var salary = courses[1];
        Assert.Equal("Gehaltsgespräche souverän führen", salary.Title);
        Assert.Equal("gehaltsgespraech", salary.Slug);
        Assert.Equal(CourseLevel.Intermediate, salary.Level);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), salary.StartDate);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 16, 0, 0, TimeSpan.Zero), salary.EndDate);
        Assert.Equal(3, salary.ParticipantCount);
        Assert.Equal(CourseLevel.Beginner, courses[0].Level);
        Assert.Equal(CourseLevel.Advanced, courses[2].Level);
        Assert.Null(courses[3].StartDate);
        Assert.Null(courses[3].EndDate);
    }

    [Fact]
    public async Task ParseCourses_LegacyShape_ReadsCourses()
    {
        var course = Assert.Single(await ParseCourses(Bytes(HemeraJson.Fixture("courses-legacy.json"))));

        Assert.Equal("cm1k3p7r20004wxyz5678ijkl", course.Id);
        Assert.Equal(3, course.ParticipantCount);
    }

    [Fact]
    public async Task ParseCourses_EmptyPage_ReturnsNoCourses()
    {
        Assert.Empty(await ParseCourses(Bytes("""{"success":true,"data":[],"meta":{}}""")));
    }

    [Fact]
    public async Task ParseCourses_ExtraFields_AreIgnored()
    {
        var json = Mutate("courses.json", root =>
        {
            root["data"]![1]!["published"] = true;
            root["data"]![1]!["trainer"] = new JsonObject { ["name"] = "x" };
            root["extra"] = new JsonArray(1, 2);
        });

        Assert.Equal(4, (await ParseCourses(json)).Count);
    }

    [Theory]
    [InlineData("title", "123", "data[1].title: expected a string, got a number")]
    [InlineData("title", null, "data[1].title: required field is missing")]
    [InlineData("slug", null, "data[1].slug: required field is missing")]
    [InlineData("id", "null", "data[1].id: expected a string, got null")]
    [InlineData("id", "\"\"", "data[1].id: must not be empty")]
    [InlineData("level", "\"EXPERT\"", "data[1].level: expected BEGINNER, INTERMEDIATE or ADVANCED")]
    [InlineData("level", "\"beginner\"", "data[1].level: expected BEGINNER, INTERMEDIATE or ADVANCED")]
    [InlineData("startDate", "\"2026-12-07T08:00:00\"", "data[1].startDate: not an RFC 3339 date")]
    [InlineData("startDate", "\"2026-12-07\"", "data[1].startDate: not an RFC 3339 date")]
    [InlineData("endDate", "1765094400", "data[1].endDate: expected a string or null, got a number")]
    [InlineData("endDate", null, "data[1].endDate: required field is missing")]
    [InlineData("participantCount", "-1", "data[1].participantCount: expected a non-negative integer")]
    [InlineData("participantCount", "2.5", "data[1].participantCount: expected a non-negative integer")]
    [InlineData("participantCount", "\"3\"", "data[1].participantCount: expected a non-negative integer")]
    [InlineData("participantCount", null, "data[1].participantCount: required field is missing")]
    public async Task ParseCourses_InvalidField_FailsNamingJsonPath(string field, string? json, string expected)
    {
        var body = Mutate("courses.json", root => Set(root["data"]![1]!.AsObject(), field, json));

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourses(body));

        Assert.Equal("hemera.courses", ex.Entity);
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public async Task ParseCourses_InvalidLegacyCourse_NamesLegacyPath()
    {
        var body = Mutate("courses-legacy.json", root => root["data"]!["courses"]![0]!["level"] = "EXPERT");

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourses(body));

        Assert.Equal("data.courses[0].level: expected BEGINNER, INTERMEDIATE or ADVANCED", ex.Message);
    }

    [Theory]
    [InlineData("""{"success":false,"data":[]}""", "success: expected true, got false")]
    [InlineData("""{"data":[]}""", "success: required field is missing")]
    [InlineData("""{"success":"true","data":[]}""", "success: expected true, got a string")]
    [InlineData("""{"success":true}""", "data: required field is missing")]
    [InlineData("""{"success":true,"data":"none"}""", "data: expected an array (or an object with courses), got a string")]
    [InlineData("""{"success":true,"data":{"total":0}}""", "data.courses: required field is missing")]
    [InlineData("""{"success":true,"data":{"courses":{}}}""", "data.courses: expected an array, got an object")]
    [InlineData("""{"success":true,"data":[42]}""", "data[0]: expected an object, got a number")]
    [InlineData("""[1,2]""", "$: expected an object, got an array")]
    public async Task ParseCourses_InvalidEnvelope_FailsNamingJsonPath(string body, string expected)
    {
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourses(Bytes(body)));

        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("{\"success\":true,\"data\":[")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("")]
    [InlineData("{\"success\":true,\"data\":[]} trailing")]
    public async Task ParseCourses_MalformedJson_FailsWithClearError(string body)
    {
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourses(Bytes(body)));

        Assert.Equal("hemera.courses", ex.Entity);
        Assert.StartsWith("Hemera's response is not valid JSON (line 1, byte ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseCourseDetail_ReferenceResponse_ReadsParticipants()
    {
        var detail = await ParseCourseDetail(Bytes(HemeraJson.Fixture("course-detail.json")));

        AssertReferenceDetail(detail);
    }

    [Fact]
    public async Task ParseCourseDetail_LegacyShape_ReadsParticipants()
    {
        var detail = await ParseCourseDetail(Bytes(HemeraJson.Fixture("course-detail-legacy.json")));

        AssertReferenceDetail(detail);
    }

    [Fact]
    public async Task ParseCourseDetail_BadDateOfFourthParticipant_FailsWithExactPath()
    {
        var body = Mutate("course-detail.json", root =>
        {
            var participants = root["data"]!["participants"]!.AsArray();
            var fourth = participants[0]!.DeepClone().AsObject();
            fourth["preparationCompletedAt"] = "20.11.2026 18:42";
            participants.Add(fourth);
        });

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourseDetail(body));

        Assert.Equal("hemera.course-detail", ex.Entity);
        Assert.Equal("data.participants[3].preparationCompletedAt: not an RFC 3339 date", ex.Message);
    }

    [Theory]
    [InlineData("userId", "null", "data.participants[1].userId: expected a string, got null")]
    [InlineData("userId", null, "data.participants[1].userId: required field is missing")]
    [InlineData("status", "7", "data.participants[1].status: expected a string, got a number")]
    [InlineData("name", "5", "data.participants[1].name: expected a string or null, got a number")]
    [InlineData("name", null, "data.participants[1].name: required field is missing")]
    [InlineData("participationId", "{}", "data.participants[1].participationId: expected a string or null, got an object")]
    [InlineData("preparationIntent", null, "data.participants[1].preparationIntent: required field is missing")]
    [InlineData("desiredResults", "[]", "data.participants[1].desiredResults: expected a string or null, got an array")]
    [InlineData("lineManagerProfile", "true", "data.participants[1].lineManagerProfile: expected a string or null, got a boolean")]
    [InlineData("preparationCompletedAt", "\"2026-11-20 18:42:10Z\"", "data.participants[1].preparationCompletedAt: not an RFC 3339 date")]
    [InlineData("imageUrl", "3", "data.participants[1].imageUrl: expected a string or null, got a number")]
    [InlineData("bookingId", "false", "data.participants[1].bookingId: expected a string or null, got a boolean")]
    public async Task ParseCourseDetail_InvalidParticipantField_FailsNamingJsonPath(string field, string? json, string expected)
    {
        var body = Mutate("course-detail.json", root => Set(root["data"]!["participants"]![1]!.AsObject(), field, json));

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourseDetail(body));

        Assert.Equal("hemera.course-detail", ex.Entity);
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("bookingId")]
    [InlineData("imageUrl")]
    public async Task ParseCourseDetail_OptionalParticipantFieldAbsent_IsAccepted(string field)
    {
        var body = Mutate("course-detail.json", root => root["data"]!["participants"]![0]!.AsObject().Remove(field));

        var detail = await ParseCourseDetail(body);

        Assert.Equal(3, detail.Participants.Count);
    }

    [Theory]
    [InlineData("level", "\"advanced\"", "data.level: expected BEGINNER, INTERMEDIATE or ADVANCED")]
    [InlineData("startDate", "\"2026-12-07T08:00:00.000\"", "data.startDate: not an RFC 3339 date")]
    [InlineData("participants", null, "data.participants: required field is missing")]
    [InlineData("participants", "null", "data.participants: expected an array, got null")]
    [InlineData("title", "false", "data.title: expected a string, got a boolean")]
    public async Task ParseCourseDetail_InvalidCourseField_FailsNamingJsonPath(string field, string? json, string expected)
    {
        var body = Mutate("course-detail.json", root => Set(root["data"]!.AsObject(), field, json));

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourseDetail(body));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public async Task ParseCourseDetail_InvalidLegacyParticipant_NamesLegacyPath()
    {
        var body = Mutate("course-detail-legacy.json", root => root["data"]!["course"]!["participants"]![2]!["status"] = null);

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourseDetail(body));

        Assert.Equal("data.course.participants[2].status: expected a string, got null", ex.Message);
    }

    [Fact]
    public async Task ParseCourseDetail_InvalidParticipant_MessageHoldsNoParticipantText()
    {
        const string Secret = "Vertraulich: meine Kündigungsabsicht";
        var body = Mutate("course-detail.json", root =>
        {
            root["data"]!["participants"]![0]!["preparationIntent"] = Secret;
            root["data"]!["participants"]![0]!["preparationCompletedAt"] = Secret;
        });

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourseDetail(body));

        Assert.Equal("data.participants[0].preparationCompletedAt: not an RFC 3339 date", ex.Message);
        Assert.DoesNotContain("Vertraulich", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseCourseDetail_5000ParticipantsWithLongTexts_ReadsEveryParticipant()
    {
        var body = LargeDetail(participants: 5_000, textLength: 2_000);

        // Read whole only: a byte per read would take a minute here. Objects of about 6 KB in a 16 KB buffer are read
        // both in one pass and, where one runs past the buffer, token by token.
        var detail = await HemeraResponseParser.ReadCourseDetailAsync(new MemoryStream(body), CancellationToken.None);

        Assert.True(body.Length > 30_000_000, $"body is {body.Length} bytes");
        Assert.Equal(5_000, detail.Participants.Count);
        Assert.All(detail.Participants, p => Assert.Equal(2_000, p.LineManagerProfile!.Length));
    }

    [Theory]
    [InlineData("participants", "42", "data.participants: expected an array, got another kind of value")]
    [InlineData("participants", "{}", "data.participants: expected an array, got another kind of value")]
    [InlineData("course", "\"x\"", "data.course: expected an object, got another kind of value")]
    public async Task ParseCourseDetail_ContainerOfWrongKind_FailsNamingJsonPath(string field, string json, string expected)
    {
        var body = Mutate("course-detail.json", root =>
        {
            root["data"]!.AsObject().Remove("id");
            Set(root["data"]!.AsObject(), field, json);
        });

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourseDetail(body));

        Assert.Equal("hemera.course-detail", ex.Entity);
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("[1]", "$: expected an object, got another kind of value")]
    [InlineData("null", "$: expected an object, got null")]
    [InlineData("""{"success":true,"data":null}""", "data: expected an object, got null")]
    [InlineData("""{"success":true,"data":{"id":"x","title":"t","slug":"s","level":"BEGINNER","startDate":null,"endDate":null,"participants":[7]}}""",
        "data.participants[0]: expected an object, got a number")]
    public async Task ParseCourseDetail_InvalidEnvelope_FailsNamingJsonPath(string body, string expected)
    {
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => ParseCourseDetail(Bytes(body)));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public async Task ReadCourseDetail_EndlessBodyOverLimit_IsRefusedAfterTheLimitPlusOneBuffer()
    {
        const int Limit = 1 << 20;
        var endless = new EndlessParticipants();

        await Assert.ThrowsAsync<HemeraResponseTooLargeException>(() =>
            HemeraResponseParser.ReadCourseDetailAsync(new HemeraLimitedStream(endless, Limit), CancellationToken.None).AsTask());

        output.WriteLine($"{endless.BytesRead:N0} bytes read for a limit of {Limit:N0}");
        Assert.InRange(endless.BytesRead, Limit + 1, Limit + (64 * 1024));
    }

    [Theory]
    [InlineData("2026-12-07T08:00:00Z", "2026-12-07T08:00:00.0000000+00:00")]
    [InlineData("2026-12-07T08:00:00.000Z", "2026-12-07T08:00:00.0000000+00:00")]
    [InlineData("2026-12-07t08:00:00.5z", "2026-12-07T08:00:00.5000000+00:00")]
    [InlineData("2026-12-07T09:00:00+01:00", "2026-12-07T09:00:00.0000000+01:00")]
    [InlineData("2026-12-07T03:30:00-04:30", "2026-12-07T03:30:00.0000000-04:30")]
    [InlineData("2026-12-07T08:00:00.123456789Z", "2026-12-07T08:00:00.1234567+00:00")]
    [InlineData("2024-02-29T23:59:59+14:00", "2024-02-29T23:59:59.0000000+14:00")]
    [InlineData("2026-12-07T08:00:00-00:00", "2026-12-07T08:00:00.0000000+00:00")]
    [InlineData("2026-12-07T08:00:00.12345678901234567890Z", "2026-12-07T08:00:00.1234567+00:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("0001-01-01T00:30:00-00:30", "0001-01-01T00:30:00.0000000-00:30")]
    public void TryParseRfc3339_ValidDate_Parses(string value, string expected)
    {
        Assert.True(Rfc3339.TryParse(value, out var parsed));
        Assert.Equal(expected, parsed.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-12-07T08:00:00")]
    [InlineData("2026-12-07T08:00:00.000")]
    [InlineData("2026-12-07")]
    [InlineData("2026-12-07 08:00:00Z")]
    [InlineData("2026-12-07T08:00Z")]
    [InlineData("2026-12-07T08:00:00.Z")]
    [InlineData("2026-12-07T08:00:00+0100")]
    [InlineData("2026-12-07T08:00:00+1:00")]
    [InlineData("2026-12-07T08:00:00+15:00")]
    [InlineData("2026-02-30T08:00:00Z")]
    [InlineData("2026-13-01T08:00:00Z")]
    [InlineData("2026-12-07T24:00:00Z")]
    [InlineData("2026-12-07T08:60:00Z")]
    [InlineData("2026-12-07T08:00:00ZZ")]
    [InlineData("Mon, 07 Dec 2026 08:00:00 GMT")]
    [InlineData("")]
    [InlineData("2026-12-07T08:00:00+14:30")]
    [InlineData("2026-12-07T08:00:00+01:60")]
    [InlineData("2026-12-07T08:00:60Z")]
    [InlineData("0000-12-07T08:00:00Z")]
    [InlineData("2025-02-29T08:00:00Z")]
    [InlineData("0001-01-01T00:30:00+01:00")]
    [InlineData("9999-12-31T23:30:00-01:00")]
    [InlineData("2026-12-07T08:00:00.5")]
    [InlineData("2026-12-07T08:00:00.5 Z")]
    [InlineData("2026-12-07T08:00:00٣Z")]
    [InlineData("２026-12-07T08:00:00Z")]
    [InlineData("2026-12-07X08:00:00Z")]
    public void TryParseRfc3339_InvalidDate_IsRejected(string value)
    {
        Assert.False(Rfc3339.TryParse(value, out _));
    }

    [Theory]
    [InlineData("error-401.json", "UNAUTHORIZED")]
    [InlineData("error-404.json", "NOT_FOUND")]
    [InlineData("error-429.json", "RATE_LIMITED")]
    public void TryReadErrorCode_ReferenceError_ReturnsCode(string file, string code)
    {
        Assert.Equal(code, HemeraResponseParser.TryReadErrorCode(Bytes(HemeraJson.Fixture(file))));
    }

    [Theory]
    [InlineData("<html>")]
    [InlineData("""{"error":{"code":"contains spaces and <b>markup</b>"}}""")]
    [InlineData("""{"error":"NOT_FOUND"}""")]
    public void TryReadErrorCode_NoPlainCode_ReturnsNull(string body)
    {
        Assert.Null(HemeraResponseParser.TryReadErrorCode(Bytes(body)));
    }

    private static void AssertReferenceDetail(CourseDetail detail)
    {
        Assert.Equal("cm1k3p7r20004wxyz5678ijkl", detail.Id);
        Assert.Equal("Gehaltsgespräche souverän führen", detail.Title);
        Assert.Equal(CourseLevel.Intermediate, detail.Level);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), detail.StartDate);
        Assert.Equal(3, detail.Participants.Count);

        var jana = detail.Participants[0];
        Assert.Equal("cm1k4a0b10011aaaa1111bbbb", jana.BookingId);
        Assert.Equal("cm1k4a0b10012cccc2222dddd", jana.ParticipationId);
        Assert.Equal("user_2pQ8xLm4Rt7Vw1Zy", jana.UserId);
        Assert.Equal("Jana Beispiel", jana.Name);
        Assert.Equal("PREPARATION", jana.Status);
        Assert.Equal("Ich möchte meine Argumente für die nächste Gehaltsrunde ordnen.\nUnd ruhiger bleiben, wenn es konkret wird.", jana.PreparationIntent);
        Assert.Equal("Eine klare Zielzahl und ein Plan B.", jana.DesiredResults);
        Assert.Equal("Bereichsleiter, sehr zahlenorientiert, wenig Zeit.", jana.LineManagerProfile);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 18, 42, 10, TimeSpan.Zero), jana.PreparationCompletedAt);

        var tobias = detail.Participants[1];
        Assert.Equal("Tobias Muster", tobias.Name);
        Assert.Null(tobias.PreparationIntent);
        Assert.Null(tobias.PreparationCompletedAt);

        var unnamed = detail.Participants[2];
        Assert.Null(unnamed.ParticipationId);
        Assert.Null(unnamed.Name);
        Assert.Equal("NONE", unnamed.Status);
    }

    private static Task<IReadOnlyList<CourseSummary>> ParseCourses(byte[] body) =>
        ParseBothWays(body, stream => HemeraResponseParser.ReadCoursesAsync(stream, CancellationToken.None));

    private static Task<CourseDetail> ParseCourseDetail(byte[] body) =>
        ParseBothWays(body, stream => HemeraResponseParser.ReadCourseDetailAsync(stream, CancellationToken.None));

    /// <summary>
    /// Every document is parsed twice: whole, so that each object is read from the buffer in one pass, and a byte per
    /// read, so that none is and every token is read on its own. Both must give the same result or the same error.
    /// </summary>
    private static async Task<T> ParseBothWays<T>(byte[] body, Func<Stream, ValueTask<T>> parse)
    {
        var whole = await Outcome(() => parse(new MemoryStream(body)));
        var trickled = await Outcome(() => parse(new OneBytePerRead(body)));
        Assert.Equal(whole.Error?.GetType(), trickled.Error?.GetType());
        Assert.Equal(whole.Error?.Message, trickled.Error?.Message);
        Assert.Equal(JsonSerializer.Serialize(whole.Value), JsonSerializer.Serialize(trickled.Value));
        if (whole.Error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(whole.Error);
        }

        return whole.Value!;
    }

    private static async Task<(T? Value, Exception? Error)> Outcome<T>(Func<ValueTask<T>> parse)
    {
        try
        {
            return (await parse(), null);
        }
        catch (Exception ex) when (ex is SyncFailedException or InvalidOperationException)
        {
            return (default, ex);
        }
    }

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    private static byte[] Mutate(string fixture, Action<JsonNode> change)
    {
        var root = JsonNode.Parse(HemeraJson.Fixture(fixture))!;
        change(root);
        return Bytes(root.ToJsonString());
    }

    /// <summary>Sets <paramref name="field"/> to the JSON <paramref name="json"/>, or removes it when null.</summary>
    private static void Set(JsonObject target, string field, string? json)
    {
        if (json is null)
        {
            target.Remove(field);
        }
        else
        {
            target[field] = JsonNode.Parse(json);
        }
    }

    internal static byte[] LargeDetail(int participants, int textLength)
    {
        const string Phrase = "Größere Zusammenhänge verstehen, \"klar\" reden. ";
        var text = string.Concat(Enumerable.Repeat(Phrase, (textLength / Phrase.Length) + 1))[..textLength];
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", true);
            writer.WriteStartObject("data");
            writer.WriteString("id", "cm1k3p7r20004wxyz5678ijkl");
            writer.WriteString("title", "Großgruppe");
            writer.WriteString("slug", "grossgruppe");
            writer.WriteString("level", "ADVANCED");
            writer.WriteString("startDate", "2026-12-07T08:00:00.000Z");
            writer.WriteNull("endDate");
            writer.WriteStartArray("participants");
            for (var i = 0; i < participants; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("bookingId", HemeraIds.Cuid(i));
                writer.WriteString("participationId", HemeraIds.Cuid(i + 1_000_000));
                writer.WriteString("userId", "user_" + i);
                writer.WriteString("name", "Teilnehmerin " + i);
                writer.WriteNull("imageUrl");
                writer.WriteString("status", "PREPARATION");
                writer.WriteString("preparationIntent", text);
                writer.WriteString("desiredResults", text);
                writer.WriteString("lineManagerProfile", text);
                writer.WriteString("preparationCompletedAt", "2026-11-20T18:42:10.000Z");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Hands out one byte per read, so the parser never holds a whole object in its buffer.</summary>
    private sealed class OneBytePerRead(byte[] body) : MemoryStream(body)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }

    /// <summary>A course detail whose participants never end; counts what the parser pulled.</summary>
    private sealed class EndlessParticipants : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("""{"success":true,"data":{"id":"c","participants":[""");
        private static readonly byte[] Item = Encoding.UTF8.GetBytes(
            """{"userId":"u","name":"n","status":"PREPARATION","preparationIntent":"Ziele klären und ruhig bleiben","desiredResults":null,"lineManagerProfile":null,"preparationCompletedAt":null},""");

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var at = BytesRead + i;
                buffer[offset + i] = at < Head.Length ? Head[at] : Item[(at - Head.Length) % Item.Length];
            }

            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
