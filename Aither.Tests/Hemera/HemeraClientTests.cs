using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Aither.Service.Hemera;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Hemera;

/// <summary>The Hemera client as registered by the service, against the loopback Hemera stand-in.</summary>
public sealed class HemeraClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private HemeraStandIn _hemera = null!;
    private HemeraClientHost? _host;

    public async Task InitializeAsync() => _hemera = await HemeraStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _hemera.DisposeAsync();
    }

    [Fact]
    public async Task GetCourses_1203Courses_ReadsThreePagesOf500()
    {
        _hemera.SetCourses(Courses(1_203));

        var courses = await Catalog().GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(1_203, courses.Count);
        Assert.Equal(Enumerable.Range(0, 1_203).Select(HemeraIds.Cuid), courses.Select(c => c.Id));
        Assert.Equal(["?limit=500&offset=0", "?limit=500&offset=500", "?limit=500&offset=1000"], _hemera.Requests.Select(r => r.Query));
        Assert.All(_hemera.Requests, r => Assert.Equal("/api/service/courses", r.Path));
    }

    [Fact]
    public async Task GetCourses_FullLastPage_AsksForTheNextPage()
    {
        _hemera.SetCourses(Courses(1_000));

        var courses = await Catalog().GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(1_000, courses.Count);
        Assert.Equal(3, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_LegacyShape_ReadsAllPages()
    {
        _hemera.LegacyShape = true;
        _hemera.SetCourses(Courses(501));

        var courses = await Catalog().GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(501, courses.Count);
        Assert.Equal(2, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_ReferenceCourses_ReadsThemInOrder()
    {
        _hemera.SetCourses(HemeraJson.CoursesOf(HemeraJson.Fixture("courses.json")));

        var courses = await Catalog().GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(4, courses.Count);
        Assert.Equal("gehaltsgespraech", courses[1].Slug);
    }

    [Fact]
    public async Task GetCourses_Request_SendsApiKeyAndAcceptJson()
    {
        await Catalog().GetCoursesAsync(CancellationToken.None).Guarded();

        var request = Assert.Single(_hemera.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(HemeraStandIn.DefaultApiKey, request.Headers["X-API-Key"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
    }

    [Fact]
    public async Task GetCourseDetail_ReferenceResponse_ReadsParticipants()
    {
        _hemera.SetDetailBody("cm1k3p7r20004wxyz5678ijkl", HemeraJson.Fixture("course-detail.json"));

        var detail = await Catalog().GetCourseDetailAsync("cm1k3p7r20004wxyz5678ijkl", CancellationToken.None).Guarded();

        Assert.Equal(3, detail.Participants.Count);
        Assert.Equal("Jana Beispiel", detail.Participants[0].Name);
        Assert.Equal("/api/service/courses/cm1k3p7r20004wxyz5678ijkl", Assert.Single(_hemera.Requests).Path);
    }

    [Fact]
    public async Task GetCourseDetail_LegacyShape_ReadsParticipants()
    {
        _hemera.LegacyShape = true;
        _hemera.SetDetail(HemeraJson.CourseOf(HemeraJson.Fixture("course-detail.json")));

        var detail = await Catalog().GetCourseDetailAsync("cm1k3p7r20004wxyz5678ijkl", CancellationToken.None).Guarded();

        Assert.Equal(["Jana Beispiel", "Tobias Muster", null], detail.Participants.Select(p => p.Name));
    }

    [Fact]
    public async Task GetCourseDetail_IdWithReservedCharacters_IsEscapedInThePath()
    {
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog().GetCourseDetailAsync("../x y?z", CancellationToken.None).Guarded());

        Assert.Equal("/api/service/courses/..%2Fx%20y%3Fz", Assert.Single(_hemera.Requests).Path);
        Assert.Contains("HTTP 400 VALIDATION_ERROR", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task GetCourseDetail_DotSegmentId_IsRefusedWithoutARequest(string id)
    {
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog().GetCourseDetailAsync(id, CancellationToken.None).Guarded());

        Assert.Equal("hemera.course-detail", ex.Entity);
        Assert.Equal(0, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourseDetail_DifferentIdInResponse_Fails()
    {
        _hemera.SetDetailBody(HemeraIds.Cuid(1), HemeraJson.Fixture("course-detail.json"));

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog().GetCourseDetailAsync(HemeraIds.Cuid(1), CancellationToken.None).Guarded());

        Assert.Equal("data.id: not the course that was requested", ex.Message);
    }

    [Fact]
    public async Task GetCourseDetail_UnknownCourse_FailsAtOnceWithStatusAndCode()
    {
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog().GetCourseDetailAsync(HemeraIds.Cuid(7), CancellationToken.None).Guarded());

        Assert.Equal("hemera.course-detail", ex.Entity);
        Assert.Equal($"Hemera answered HTTP 404 NOT_FOUND for GET /api/service/courses/{HemeraIds.Cuid(7)}.", ex.Message);
        Assert.Equal(1, _hemera.RequestCount);
    }

    [Theory]
    [InlineData(401, "UNAUTHORIZED")]
    [InlineData(403, "FORBIDDEN")]
    public async Task GetCourses_KeyRefused_FailsAtOnceSayingSo(int status, string code)
    {
        _hemera.Enqueue(HemeraReply.Error(status, code));

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog().GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal("hemera.courses", ex.Entity);
        Assert.Equal($"Hemera rejected the API key (HTTP {status} {code}).", ex.Message);
        Assert.Equal(1, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_WrongKey_StandInAnswers401AndKeyNeverAppears()
    {
        const string WrongKey = "wrong-key-0b5d9e";
        var host = Host(new() { ["HEMERA_API_KEY"] = WrongKey });

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => host.Catalog.GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal("Hemera rejected the API key (HTTP 401 UNAUTHORIZED).", ex.Message);
        Assert.DoesNotContain(WrongKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCourses_ServerErrorOnce_IsRetried()
    {
        _hemera.SetCourses(Courses(3));
        _hemera.Enqueue(HemeraReply.Error(500, "INTERNAL_ERROR"));

        var courses = await Catalog().GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(3, courses.Count);
        Assert.Equal(2, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_ServerErrorOnce_PlatformMetersRecordBothAttemptsAndTheRetry()
    {
        _hemera.SetCourses(Courses(3));
        _hemera.Enqueue(HemeraReply.Error(500, "INTERNAL_ERROR"));
        var host = Host();
        var measurements = new List<(string Instrument, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name is "System.Net.Http" or "Polly" or "Aither.Sync")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, copy));
            }
        }

        listener.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        listener.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        listener.SetMeasurementEventCallback<int>((i, _, tags, _) => Record(i, tags));
        listener.Start();

        await host.Catalog.GetCoursesAsync(CancellationToken.None).Guarded();

        // Aither adds no Hemera instruments of its own: .NET times every attempt, the resilience pipeline counts retries.
        lock (measurements)
        {
            var attempts = measurements.Where(m => m.Instrument == "http.client.request.duration"
                && Equals(m.Tags.GetValueOrDefault("server.port"), _hemera.BaseAddress.Port)).ToArray();
            Assert.Equal([500, 200], attempts.Select(a => Convert.ToInt32(a.Tags["http.response.status_code"], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Contains(measurements, m => m.Instrument == "resilience.polly.strategy.events"
                && (string?)m.Tags.GetValueOrDefault("event.name") == "OnRetry"
                && (string?)m.Tags.GetValueOrDefault("pipeline.name") == "HemeraClient-standard");
            Assert.DoesNotContain(measurements, m => m.Instrument.StartsWith("aither.hemera", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task GetCourses_ServerErrorsBeyondRetries_FailsWithStatus()
    {
        for (var i = 0; i < 3; i++)
        {
            _hemera.Enqueue(HemeraReply.Error(503, "SERVICE_UNAVAILABLE"));
        }

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() =>
            Catalog(new() { ["HEMERA_MAX_RETRIES"] = "2" }).GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal("Hemera answered HTTP 503 SERVICE_UNAVAILABLE for GET /api/service/courses.", ex.Message);
        Assert.Equal(3, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_RetriesOff_FailsAfterOneAttempt()
    {
        _hemera.Enqueue(HemeraReply.Error(502, "BAD_GATEWAY"));

        await Assert.ThrowsAsync<SyncFailedException>(() =>
            Catalog(new() { ["HEMERA_MAX_RETRIES"] = "0" }).GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal(1, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_RateLimitedWithRetryAfter_WaitsThenSucceeds()
    {
        _hemera.SetCourses(Courses(2));
        _hemera.Enqueue(HemeraReply.RateLimited("1"));
        var catalog = Catalog();

        var stopwatch = Stopwatch.StartNew();
        var courses = await catalog.GetCoursesAsync(CancellationToken.None).Guarded();

        // The backoff is 1 ms in these tests, so only Retry-After explains a wait of about a second.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {stopwatch.Elapsed}");
        Assert.Equal(2, courses.Count);
        Assert.Equal(2, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_RetryAfterBeyondCap_WaitsOnlyTheCap()
    {
        _hemera.SetCourses(Courses(2));
        _hemera.Enqueue(HemeraReply.RateLimited("3600"));

        var stopwatch = Stopwatch.StartNew();
        var courses = await Catalog(new() { ["HEMERA_RETRY_AFTER_CAP_MS"] = "50" }).GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(2, courses.Count);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task GetCourses_RateLimitedBeyondRetries_FailsWithStatusAndCode()
    {
        _hemera.Enqueue(HemeraReply.RateLimited("0"));
        _hemera.Enqueue(HemeraReply.RateLimited("0"));

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() =>
            Catalog(new() { ["HEMERA_MAX_RETRIES"] = "1" }).GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal("Hemera answered HTTP 429 RATE_LIMITED for GET /api/service/courses.", ex.Message);
    }

    [Fact]
    public async Task GetCourses_HangingAttempt_TimesOutAndIsRetried()
    {
        _hemera.SetCourses(Courses(2));
        _hemera.Enqueue(HemeraReply.Hang());

        var courses = await Catalog(new() { ["HEMERA_ATTEMPT_TIMEOUT_MS"] = "300" }).GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(2, courses.Count);
        Assert.Equal(2, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_BodyStallsAfterHeaders_TimesOutAndIsRetried()
    {
        _hemera.SetCourses(Courses(2));
        _hemera.Enqueue(HemeraReply.HangAfterHeaders());

        var courses = await Catalog(new() { ["HEMERA_ATTEMPT_TIMEOUT_MS"] = "300" }).GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(2, courses.Count);
        Assert.Equal(2, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_HangingEveryAttempt_FailsWithinBudget()
    {
        for (var i = 0; i < 2; i++)
        {
            _hemera.Enqueue(HemeraReply.Hang());
        }

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog(new()
        {
            ["HEMERA_ATTEMPT_TIMEOUT_MS"] = "200",
            ["HEMERA_MAX_RETRIES"] = "1",
        }).GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.StartsWith("Hemera did not answer in time (timeout 200 ms;", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_TotalBudgetSpent_Fails()
    {
        for (var i = 0; i < 10; i++)
        {
            _hemera.Enqueue(HemeraReply.Hang());
        }

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog(new()
        {
            ["HEMERA_ATTEMPT_TIMEOUT_MS"] = "300",
            ["HEMERA_TOTAL_TIMEOUT_MS"] = "500",
        }).GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.StartsWith("Hemera did not answer in time (timeout 500 ms;", ex.Message, StringComparison.Ordinal);
        Assert.InRange(_hemera.RequestCount, 1, 3);
    }

    [Fact]
    public async Task GetCourses_InjectedTimeProvider_DrivesTheAttemptTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _hemera.Enqueue(HemeraReply.Hang());
        _host = HemeraClientHost.Create(_hemera.BaseUrl, new Dictionary<string, string?>
        {
            ["HEMERA_ATTEMPT_TIMEOUT_MS"] = "600000",
            ["HEMERA_TOTAL_TIMEOUT_MS"] = "1200000",
            ["HEMERA_MAX_RETRIES"] = "0",
        }, time: time, output: output);
        var call = _host.Catalog.GetCoursesAsync(CancellationToken.None);
        await _hemera.WaitForRequestsAsync(1).Guarded();

        time.Advance(TimeSpan.FromMinutes(11));

        // Ten real minutes would trip the guard; only the fake clock can time the attempt out this quickly.
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => call.Guarded());
        Assert.StartsWith("Hemera did not answer in time (timeout 600000 ms;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCourses_CallerCancels_ThrowsCancellation()
    {
        _hemera.Enqueue(HemeraReply.Hang());
        using var cancel = new CancellationTokenSource();
        var call = Catalog().GetCoursesAsync(cancel.Token);
        await _hemera.WaitForRequestsAsync(1).Guarded();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Guarded());
    }

    [Fact]
    public async Task GetCourses_MalformedJson_FailsWithoutRetry()
    {
        _hemera.Enqueue(HemeraReply.Status(200, "{\"success\":true,\"data\":[{\"id\":"));

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog().GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal("hemera.courses", ex.Entity);
        Assert.StartsWith("Hemera's response is not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_InvalidCourse_FailsNamingJsonPath()
    {
        var courses = Courses(6).ToArray();
        courses[4]["startDate"] = "2026-01-05T08:00:00";
        _hemera.SetCourses(courses);

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => Catalog().GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal("data[4].startDate: not an RFC 3339 date", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetCourses_BodyOverLimit_IsRefusedWithoutRetry(bool chunked)
    {
        var big = new JsonObject { ["success"] = true, ["data"] = new JsonArray(Courses(50).ToArray<JsonNode>()) }.ToJsonString();
        _hemera.Enqueue(HemeraReply.Status(200, big, chunked: chunked));

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() =>
            Catalog(new() { ["HEMERA_MAX_RESPONSE_BYTES"] = "2048" }).GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal("Hemera's response is larger than HEMERA_MAX_RESPONSE_BYTES (2048 bytes).", ex.Message);
        Assert.Equal(1, _hemera.RequestCount);
    }

    [Fact]
    public async Task GetCourses_ChunkedBodyUnderLimit_IsRead()
    {
        var body = new JsonObject { ["success"] = true, ["data"] = new JsonArray(Courses(50).ToArray<JsonNode>()) }.ToJsonString();
        _hemera.Enqueue(HemeraReply.Status(200, body, chunked: true));

        var courses = await Catalog(new() { ["HEMERA_MAX_RESPONSE_BYTES"] = "1048576" }).GetCoursesAsync(CancellationToken.None).Guarded();

        Assert.Equal(50, courses.Count);
    }

    [Fact]
    public async Task GetCourseDetail_5000ParticipantsUnderTheDefaultLimit_IsRead()
    {
        var body = HemeraResponseParserTests.LargeDetail(5_000, 2_000);
        _hemera.SetDetailBody("cm1k3p7r20004wxyz5678ijkl", body);

        var detail = await Catalog().GetCourseDetailAsync("cm1k3p7r20004wxyz5678ijkl", CancellationToken.None).Guarded();
        await _host!.DisposeAsync();
        _host = null;
        var refused = await Assert.ThrowsAsync<SyncFailedException>(() =>
            Catalog(new() { ["HEMERA_MAX_RESPONSE_BYTES"] = "16777216" })
                .GetCourseDetailAsync("cm1k3p7r20004wxyz5678ijkl", CancellationToken.None).Guarded());

        Assert.Equal(5_000, detail.Participants.Count);
        Assert.Contains("HEMERA_MAX_RESPONSE_BYTES (16777216 bytes)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCourses_HemeraDown_FailsAfterRetriesSayingUnreachable()
    {
        var host = Host(new() { ["HEMERA_API_BASE_URL"] = $"http://127.0.0.1:{UnusedPort()}", ["HEMERA_MAX_RETRIES"] = "2" });

        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => host.Catalog.GetCoursesAsync(CancellationToken.None).Guarded());

        Assert.Equal("hemera.courses", ex.Entity);
        Assert.StartsWith("Hemera could not be reached (ConnectionError)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.Logs.Lines.Count(l => l.Contains("Sending HTTP request GET", StringComparison.Ordinal)
            && l.Contains("System.Net.Http.HttpClient.HemeraClient.ClientHandler", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Requests_TraceLogs_NeverContainTheApiKey()
    {
        const string Secret = "hemera-secret-5f1c9a";
        _hemera.ApiKey = Secret;
        _hemera.SetCourses(Courses(2));
        _hemera.Enqueue(HemeraReply.Error(500, "INTERNAL_ERROR"));
        var host = Host(new() { ["HEMERA_API_KEY"] = Secret });

        await host.Catalog.GetCoursesAsync(CancellationToken.None).Guarded();
        await host.Catalog.IsReachableAsync(CancellationToken.None).Guarded();
        _hemera.ApiKey = "rotated";
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => host.Catalog.GetCourseDetailAsync(HemeraIds.Cuid(3), CancellationToken.None).Guarded());

        var logs = host.Logs.All;
        Assert.Contains("X-API-Key", logs, StringComparison.Ordinal); // the headers were logged, at Trace ...
        Assert.DoesNotContain(Secret, logs, StringComparison.Ordinal); // ... with their values redacted
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(Secret, _hemera.Requests[0].Headers["X-API-Key"]);
    }

    [Fact]
    public async Task IsReachable_HemeraAnswers_ReturnsTrueWithOneCheapRequest()
    {
        Assert.True(await Catalog().IsReachableAsync(CancellationToken.None).Guarded());

        var request = Assert.Single(_hemera.Requests);
        Assert.Equal("/api/service/courses", request.Path);
        Assert.Equal("?limit=1&offset=0", request.Query);
        Assert.Equal(HemeraStandIn.DefaultApiKey, request.Headers["X-API-Key"]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(401)]
    public async Task IsReachable_ErrorStatus_ReturnsFalseWithoutRetry(int status)
    {
        _hemera.Enqueue(HemeraReply.Error(status, "ERROR"));

        Assert.False(await Catalog().IsReachableAsync(CancellationToken.None).Guarded());
        Assert.Equal(1, _hemera.RequestCount);
    }

    [Fact]
    public async Task IsReachable_HemeraHangs_ReturnsFalseWhenTheCallerGivesUp()
    {
        _hemera.Enqueue(HemeraReply.Hang());
        using var deadline = new CancellationTokenSource();
        var probe = Catalog().IsReachableAsync(deadline.Token);
        await _hemera.WaitForRequestsAsync(1).Guarded();

        await deadline.CancelAsync();

        Assert.False(await probe.Guarded());
        Assert.Equal(1, _hemera.RequestCount);
    }

    [Fact]
    public async Task IsReachable_HemeraDown_ReturnsFalse()
    {
        var host = Host(new() { ["HEMERA_API_BASE_URL"] = $"http://127.0.0.1:{UnusedPort()}" });

        Assert.False(await host.Catalog.IsReachableAsync(CancellationToken.None).Guarded());
    }

    [Fact]
    public void Registration_OutsideDevelopment_IsTheHttpClient()
    {
        Assert.IsType<HemeraClient>(Assert.IsType<ObservedHemeraCatalog>(Catalog()).Source);
    }

    private IHemeraCatalog Catalog(Dictionary<string, string?>? settings = null) => Host(settings).Catalog;

    private HemeraClientHost Host(Dictionary<string, string?>? settings = null)
    {
        Assert.Null(_host);
        _host = HemeraClientHost.Create(_hemera.BaseUrl, settings, output: output);
        return _host;
    }

    private static IEnumerable<JsonObject> Courses(int count) =>
        Enumerable.Range(0, count).Select(i => HemeraJson.Course(HemeraIds.Cuid(i), $"Kurs {i}", Start.AddDays(i)));

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
