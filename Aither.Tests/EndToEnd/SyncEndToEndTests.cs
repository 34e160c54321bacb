using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.EndToEnd;

/// <summary>
/// The whole service through the real ASP.NET pipeline: <c>POST /api/sync</c> → the real
/// <c>HemeraSyncPipeline</c> → the real Hemera client against the Hemera stand-in on loopback → files on disk,
/// observed through <c>GET /api/sync</c> and the output directory. "Now" is pinned by a fake clock.
/// </summary>
public sealed class SyncEndToEndTests : IAsyncLifetime
{
    private const string ApiKey = "hemera-e2e-key-Q7x2Lm9";
    private const string ManifestFile = ".sync-manifest.json";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 15, 0, TimeSpan.Zero);
    private static readonly DateTime OldMtime = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string CourseId = HemeraIds.Cuid(1);
    private static readonly string Page = "courses/kurs-000001.html";

    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _outputDir = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly List<JsonElement> _jobs = [];
    private HemeraStandIn _hemera = null!;
    private AitherFactory _factory = null!;
    private HttpClient _client = null!;

    public SyncEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _hemera = await HemeraStandIn.StartAsync();
        _hemera.ApiKey = ApiKey;
        _factory = new AitherFactory { UseControllablePipeline = false }.WithOutput(_output);
        _factory.Settings["HEMERA_API_BASE_URL"] = _hemera.BaseUrl;
        _factory.Settings["HEMERA_API_KEY"] = ApiKey;
        // Polly's backoff runs on the fake clock, which only the test moves: no delay, so a retry happens at once.
        _factory.Settings["HEMERA_RETRY_BASE_DELAY_MS"] = "0";
        _factory.Settings["HTML_OUTPUT_DIR"] = _outputDir.Path;
        _factory.ConfigureServices = services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_time);
        };
        _client = _factory.CreateAdminClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _hemera.DisposeAsync();
        _outputDir.Dispose();
    }

    private string PagePath(string page = "courses/kurs-000001.html") => _outputDir.Combine(page.Split('/'));

    private string ManifestPath => _outputDir.Combine(ManifestFile);

    /// <summary>Triggers a sync over REST, waits for it to finish and returns the job from <c>GET /api/sync</c>.</summary>
    private async Task<JsonElement> SyncAsync(bool force = false)
    {
        using (var start = await _client.PostAsync(force ? "/api/sync?force=true" : "/api/sync", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        await _factory.Coordinator.WhenIdleAsync().Guarded();
        using var status = await _client.GetAsync("/api/sync");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var envelope = await ReadEnvelopeAsync(status);
        Assert.True(envelope.RootElement.GetProperty("success").GetBoolean());
        var job = envelope.RootElement.GetProperty("data").Clone();
        Assert.NotEqual("running", job.GetProperty("status").GetString());
        _jobs.Add(job);
        return job;
    }

    private async Task<JsonElement> SucceededSyncAsync(bool force = false)
    {
        var job = await SyncAsync(force);
        Assert.Equal("success", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("errors").GetArrayLength());
        return job;
    }

    /// <summary>Asserts a failed job with one error; returns that error's message.</summary>
    private static string Failed(JsonElement job, string entity)
    {
        Assert.Equal("failed", job.GetProperty("status").GetString());
        var error = Assert.Single(job.GetProperty("errors").EnumerateArray());
        Assert.Equal(entity, error.GetProperty("entity").GetString());
        return error.GetProperty("message").GetString()!;
    }

    private static JsonObject Participant(
        int n,
        string? name = null,
        string? intent = "Ich möchte ruhiger in schwierige Gespräche gehen.",
        string? results = "Einen Plan für das nächste Teammeeting.",
        string? lineManager = "Bereichsleiterin, zahlenorientiert.",
        DateTimeOffset? completedAt = null) => new()
        {
            ["bookingId"] = HemeraIds.Cuid(1000 + n),
            ["participationId"] = HemeraIds.Cuid(2000 + n),
            ["userId"] = $"user_{n:D4}",
            ["name"] = name ?? $"Teilnehmerin {n}",
            ["imageUrl"] = null,
            ["status"] = "PREPARATION",
            ["preparationIntent"] = intent,
            ["desiredResults"] = results,
            ["lineManagerProfile"] = lineManager,
            ["preparationCompletedAt"] = HemeraJson.Rfc3339(completedAt ?? Now.AddDays(-3)),
        };

    /// <summary>A course's detail (the object Hemera puts into <c>data</c>).</summary>
    private static JsonObject Detail(int n, string title, DateTimeOffset start, params JsonObject[] participants)
    {
        var course = HemeraJson.Course(HemeraIds.Cuid(n), title, start, participantCount: participants.Length);
        course.Remove("participantCount");
        course["participants"] = new JsonArray(participants.Select(p => (JsonNode)p).ToArray());
        return course;
    }

    /// <summary>Serves these courses: the list (summaries in this order) and each detail.</summary>
    private void Serve(params JsonObject[] details)
    {
        _hemera.SetCourses(details.Select(d =>
        {
            var summary = (JsonObject)d.DeepClone();
            summary["participantCount"] = d["participants"]!.AsArray().Count;
            summary.Remove("participants");
            return summary;
        }));
        foreach (var detail in details)
        {
            _hemera.SetDetail(detail);
        }
    }

    private static JsonObject DefaultCourse(params JsonObject[] participants) =>
        Detail(1, "Gehaltsgespräche souverän führen", Now.AddDays(7), participants.Length > 0 ? participants : [Participant(1), Participant(2)]);

    /// <summary>Pins the mtimes of everything written so far, so a rewrite would show.</summary>
    private Dictionary<string, (byte[] Bytes, DateTime Mtime)> SnapshotOutput()
    {
        foreach (var file in _outputDir.Files())
        {
            File.SetLastWriteTimeUtc(_outputDir.Combine(file.Split('/')), OldMtime);
        }

        return _outputDir.Files().ToDictionary(
            f => f,
            f => (File.ReadAllBytes(_outputDir.Combine(f.Split('/'))), File.GetLastWriteTimeUtc(_outputDir.Combine(f.Split('/')))));
    }

    private void AssertOutputUnchanged(Dictionary<string, (byte[] Bytes, DateTime Mtime)> before)
    {
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), _outputDir.Files());
        foreach (var (file, (bytes, mtime)) in before)
        {
            var path = _outputDir.Combine(file.Split('/'));
            Assert.Equal(bytes, File.ReadAllBytes(path));
            Assert.Equal(mtime, File.GetLastWriteTimeUtc(path));
        }
    }

    [Fact]
    public async Task Sync_FirstRun_WritesPageAndManifestAndReportsTheJob()
    {
        Serve(DefaultCourse(Participant(1, "Jana Beispiel"), Participant(2, "Tobias Muster")));

        var job = await SucceededSyncAsync();

        Assert.Equal(CourseId, job.GetProperty("courseId").GetString());
        Assert.False(job.GetProperty("noUpcomingCourse").GetBoolean());
        Assert.Equal(2, job.GetProperty("participantsFetched").GetInt32());
        Assert.Equal(1, job.GetProperty("filesGenerated").GetInt32());
        Assert.Equal(0, job.GetProperty("filesSkipped").GetInt32());
        Assert.Equal([ManifestFile, Page], _outputDir.Files());
        var page = await File.ReadAllTextAsync(PagePath());
        Assert.Contains("<h1>Gehaltsgespräche souverän führen</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Jana Beispiel", page, StringComparison.Ordinal);
        Assert.Contains("Tobias Muster", page, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(ManifestPath));
        Assert.Equal(CourseId, manifest.RootElement.GetProperty("courseId").GetString());
        Assert.Equal(Page, manifest.RootElement.GetProperty("page").GetString());
        Assert.All(_hemera.Requests, r => Assert.Equal(ApiKey, r.Headers["X-API-Key"]));
    }

    [Fact]
    public async Task Sync_UnchangedDataTwice_SecondSkipsAndLeavesPageUntouched()
    {
        Serve(DefaultCourse());
        await SucceededSyncAsync();
        var before = SnapshotOutput();
        _time.Advance(TimeSpan.FromHours(1));

        var second = await SucceededSyncAsync();

        Assert.Equal(0, second.GetProperty("filesGenerated").GetInt32());
        Assert.Equal(1, second.GetProperty("filesSkipped").GetInt32());
        Assert.Equal(CourseId, second.GetProperty("courseId").GetString());
        Assert.Equal(2, second.GetProperty("participantsFetched").GetInt32());
        AssertOutputUnchanged(before);
    }

    [Fact]
    public async Task Sync_TitleChanged_RegeneratesPage()
    {
        Serve(DefaultCourse());
        await SucceededSyncAsync();
        var changed = DefaultCourse();
        changed["title"] = "Gehaltsgespräche souverän führen – Aufbaukurs";
        Serve(changed);

        var second = await SucceededSyncAsync();

        Assert.Equal(1, second.GetProperty("filesGenerated").GetInt32());
        Assert.Equal(0, second.GetProperty("filesSkipped").GetInt32());
        Assert.Contains("<h1>Gehaltsgespräche souverän führen – Aufbaukurs</h1>", await File.ReadAllTextAsync(PagePath()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_OneParticipantsPreparationIntentChanged_RegeneratesPage()
    {
        Serve(DefaultCourse());
        await SucceededSyncAsync();
        Serve(DefaultCourse(Participant(1), Participant(2, intent: "Konflikte früh und klar ansprechen.")));

        var second = await SucceededSyncAsync();

        Assert.Equal(1, second.GetProperty("filesGenerated").GetInt32());
        Assert.Contains("Konflikte früh und klar ansprechen.", await File.ReadAllTextAsync(PagePath()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_ParticipantAdded_AppearsOnPage()
    {
        Serve(DefaultCourse());
        await SucceededSyncAsync();
        Assert.DoesNotContain("Carla Neumann", await File.ReadAllTextAsync(PagePath()), StringComparison.Ordinal);
        Serve(DefaultCourse(Participant(1), Participant(2), Participant(3, "Carla Neumann")));

        var second = await SucceededSyncAsync();

        Assert.Equal(1, second.GetProperty("filesGenerated").GetInt32());
        Assert.Equal(3, second.GetProperty("participantsFetched").GetInt32());
        Assert.Contains("Carla Neumann", await File.ReadAllTextAsync(PagePath()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_NextCourseMovesIntoThePast_WritesNewPageAndRemovesOldOne()
    {
        Serve(
            Detail(1, "Erster Kurs", Now.AddDays(1), Participant(1)),
            Detail(2, "Zweiter Kurs", Now.AddDays(10), Participant(2)));
        await SucceededSyncAsync();
        Assert.Equal([ManifestFile, Page], _outputDir.Files());
        _time.Advance(TimeSpan.FromDays(2));

        var second = await SucceededSyncAsync();

        Assert.Equal(HemeraIds.Cuid(2), second.GetProperty("courseId").GetString());
        Assert.Equal(1, second.GetProperty("filesGenerated").GetInt32());
        Assert.Equal([ManifestFile, "courses/kurs-000002.html"], _outputDir.Files());
        Assert.Contains("<h1>Zweiter Kurs</h1>", await File.ReadAllTextAsync(PagePath("courses/kurs-000002.html")), StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(ManifestPath));
        Assert.Equal("courses/kurs-000002.html", manifest.RootElement.GetProperty("page").GetString());
    }

    [Fact]
    public async Task Sync_NoUpcomingCourse_ReportsItAndLeavesOutputUntouched()
    {
        Serve(DefaultCourse());
        await SucceededSyncAsync();
        var before = SnapshotOutput();
        Serve(Detail(1, "Gehaltsgespräche souverän führen", Now.AddDays(-7), Participant(1)), Detail(3, "Noch früher", Now.AddDays(-30)));

        var job = await SucceededSyncAsync();

        Assert.True(job.GetProperty("noUpcomingCourse").GetBoolean());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("courseId").ValueKind);
        Assert.Equal(0, job.GetProperty("filesGenerated").GetInt32());
        Assert.Equal(0, job.GetProperty("filesSkipped").GetInt32());
        AssertOutputUnchanged(before);
    }

    [Fact]
    public async Task Sync_ForceWithUnchangedData_Regenerates()
    {
        Serve(DefaultCourse());
        await SucceededSyncAsync();
        SnapshotOutput();
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = await SucceededSyncAsync(force: true);

        Assert.Equal(1, second.GetProperty("filesGenerated").GetInt32());
        Assert.Equal(0, second.GetProperty("filesSkipped").GetInt32());
        Assert.NotEqual(OldMtime, File.GetLastWriteTimeUtc(PagePath()));
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(ManifestPath));
        Assert.Equal(second.GetProperty("jobId").GetString(), manifest.RootElement.GetProperty("jobId").GetString());
    }

    public static TheoryData<string, string, string> MalformedData => new()
    {
        { "completedAt-wrong-type", "hemera.course-detail", "data.participants[1].preparationCompletedAt: expected a string or null, got a number" },
        { "detail-title-missing", "hemera.course-detail", "data.title: required field is missing" },
        { "list-level-bad", "hemera.courses", "data[0].level: expected BEGINNER, INTERMEDIATE or ADVANCED" },
        { "detail-not-json", "hemera.course-detail", "Hemera's response is not valid JSON (line 1, byte " },
    };

    [Theory]
    [MemberData(nameof(MalformedData))]
    public async Task Sync_MalformedHemeraData_FailsNamingThePathAndKeepsPreviousOutput(string fault, string entity, string expected)
    {
        Serve(DefaultCourse());
        await SucceededSyncAsync();
        var before = SnapshotOutput();
        var broken = DefaultCourse();
        switch (fault)
        {
            case "completedAt-wrong-type":
                broken["participants"]![1]!["preparationCompletedAt"] = 42;
                Serve(broken);
                break;
            case "detail-title-missing":
                Serve(broken);
                broken.Remove("title");
                _hemera.SetDetail(broken);
                break;
            case "list-level-bad":
                broken["level"] = "EXPERT";
                Serve(broken);
                break;
            case "detail-not-json":
                _hemera.SetDetailBody(CourseId, "{\"success\": true, \"data\": {\"id\": \"" + CourseId + "\", \"title\": ");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }

        var job = await SyncAsync();

        var message = Failed(job, entity);
        Assert.StartsWith(expected, message, StringComparison.Ordinal);
        Assert.Equal(0, job.GetProperty("filesGenerated").GetInt32());
        AssertOutputUnchanged(before);
    }

    [Fact]
    public async Task Sync_Hemera500OnceThenOk_SucceedsAfterRetry()
    {
        Serve(DefaultCourse());
        _hemera.Enqueue(HemeraReply.Error(500, "INTERNAL_ERROR", "Internal server error"), "/api/service/courses");

        var job = await SucceededSyncAsync();

        Assert.Equal(1, job.GetProperty("filesGenerated").GetInt32());
        Assert.True(File.Exists(PagePath()));
        Assert.Equal(2, _hemera.Requests.Count(r => r.Path == "/api/service/courses"));
    }

    [Fact]
    public async Task Sync_HemeraRejectsTheApiKey_FailsWithoutRetrying()
    {
        Serve(DefaultCourse());
        _hemera.ApiKey = "a-key-aither-does-not-have";

        var job = await SyncAsync();

        var message = Failed(job, "hemera.courses");
        Assert.StartsWith("Hemera rejected the API key", message, StringComparison.Ordinal);
        Assert.Equal(1, _hemera.RequestCount);
        Assert.Empty(_outputDir.Files());
    }

    [Fact]
    public async Task Sync_NamesAndTextsWithMarkup_AreEscapedOnThePage()
    {
        Serve(DefaultCourse(
            Participant(1, "<script>alert(1)</script>"),
            Participant(2, "\"><img src=x onerror=alert(1)>", intent: "<b>fett</b> & \"zitiert\"")));

        await SucceededSyncAsync();

        var page = await File.ReadAllTextAsync(PagePath());
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;fett&lt;/b&gt; &amp; &quot;zitiert&quot;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>fett", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_PagedCatalogueWith1203PastCourses_FindsTheNextCourseOnTheThirdPage()
    {
        var past = Enumerable.Range(100, 1_203).Select(n => HemeraJson.Course(HemeraIds.Cuid(n), $"Vergangen {n}", Now.AddDays(-2_000 + n)));
        var next = Detail(5_000, "Der nächste Kurs", Now.AddDays(3), Participant(1));
        _hemera.SetCourses([.. past, HemeraJson.Course(HemeraIds.Cuid(5_000), "Der nächste Kurs", Now.AddDays(3), participantCount: 1)]);
        _hemera.SetDetail(next);

        var job = await SucceededSyncAsync();

        Assert.Equal(HemeraIds.Cuid(5_000), job.GetProperty("courseId").GetString());
        Assert.Equal(1, job.GetProperty("filesGenerated").GetInt32());
        var listRequests = _hemera.Requests.Where(r => r.Path == "/api/service/courses").Select(r => r.Query).ToArray();
        Assert.Equal(3, listRequests.Length);
        Assert.Contains(listRequests, q => q.Contains("offset=1000", StringComparison.Ordinal));
        Assert.Contains("<h1>Der nächste Kurs</h1>", await File.ReadAllTextAsync(PagePath("courses/kurs-005000.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_SuccessAndFailures_NeverLogOrReportNamesTextsOrTheApiKey()
    {
        string[] secrets =
        [
            ApiKey,
            "Jana Verschwiegen", "Tobias Geheimnis",
            "Vertrauliche Absicht 4711", "Vertrauliches Ergebnis 4712", "Vertrauliches Profil 4713",
        ];
        JsonObject Course() => DefaultCourse(
            Participant(1, "Jana Verschwiegen", "Vertrauliche Absicht 4711", "Vertrauliches Ergebnis 4712", "Vertrauliches Profil 4713"),
            Participant(2, "Tobias Geheimnis"));
        Serve(Course());
        await SucceededSyncAsync();
        await SucceededSyncAsync(force: true);

        var broken = Course();
        broken["participants"]![0]!["preparationCompletedAt"] = "Vertrauliche Absicht 4711";
        broken["participants"]![1]!["name"] = 7;
        Serve(broken);
        Failed(await SyncAsync(), "hemera.course-detail");

        _hemera.SetDetailBody(CourseId, "{\"data\": \"Jana Verschwiegen");
        Failed(await SyncAsync(), "hemera.course-detail");

        _hemera.Enqueue(HemeraReply.Status(500, "Jana Verschwiegen " + ApiKey), "/api/service/courses");
        _hemera.Enqueue(HemeraReply.Status(400, "{\"success\":false,\"error\":{\"code\":\"Jana Verschwiegen\",\"message\":\"x\"}}"), "/api/service/courses");
        Failed(await SyncAsync(), "hemera.courses");

        _hemera.ApiKey = "another-key";
        Failed(await SyncAsync(), "hemera.courses");

        var logs = _factory.Logs.Lines;
        Assert.NotEmpty(logs);
        var errors = _jobs.SelectMany(j => j.GetProperty("errors").EnumerateArray()).Select(e => e.GetRawText()).ToArray();
        Assert.Equal(4, errors.Length);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(errors, error => error.Contains(secret, StringComparison.Ordinal));
        }
    }
}
