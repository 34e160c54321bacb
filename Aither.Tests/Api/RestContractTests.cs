using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.Api;

/// <summary>
/// The REST face's contract. Requests that are refused or only read, and need no sync ever to have run, go to one
/// default service shared by the class (<see cref="SharedClient"/>); the others to a service of the test's own.
/// </summary>
public sealed class RestContractTests : IAsyncLifetime, IClassFixture<SharedAitherFactory>
{
    private readonly ITestOutputHelper _output;
    private readonly AitherFactory _factory;
    private readonly AitherFactory _shared;
    private readonly Lazy<HttpClient> _client;
    private readonly Lazy<HttpClient> _sharedClient;

    public RestContractTests(SharedAitherFactory shared, ITestOutputHelper output)
    {
        _output = output;
        _factory = new AitherFactory().WithOutput(output);
        _shared = shared.For(output);
        _client = new(_factory.CreateAdminClient);
        _sharedClient = new(_shared.CreateAdminClient);
    }

    /// <summary>An admin client of this test's own service.</summary>
    private HttpClient Client => _client.Value;

    /// <summary>An admin client of the service shared by the class, on which no sync ever starts.</summary>
    private HttpClient SharedClient => _sharedClient.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task StartSync_CrontabRequest_Returns202WithRunningJob()
    {
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/sync", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = await ReadEnvelopeAsync(response);
        var root = json.RootElement;
        Assert.True(root.GetProperty("success").GetBoolean());
        var data = root.GetProperty("data");
        Assert.Equal(["jobId", "status", "startTime"], PropertyNames(data));
        Assert.Matches("^sync-[0-9]+$", data.GetProperty("jobId").GetString());
        Assert.Equal("running", data.GetProperty("status").GetString());
        Rfc3339Utc(data.GetProperty("startTime"));
        Assert.Matches("^req-[0-9a-f]+$", root.GetProperty("meta").GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Envelope_IsSentWithContentLength_NotChunked()
    {
        // Over real Kestrel: the in-memory test server would report a length for a chunked body too.
        await using var kestrel = new AitherFactory().WithOutput(_output).UseRealKestrel();
        kestrel.StartServer();
        using var client = kestrel.CreateAdminClient();

        using var response = await client.GetAsync("/api/sync");

        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task StartSync_BareCurlPostWithoutContentType_Returns202()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _factory.Pipeline.Started.Guarded();
    }

    [Fact]
    public async Task StartSync_BodyIsIgnored_Returns202()
    {
        using var content = new StringContent("{\"force\": \"nonsense\", \"x\": [", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/sync", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task StartSync_WhileRunning_Returns409SyncInProgress()
    {
        using (var first = await Client.PostAsync("/api/sync", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var second = await Client.PostAsync("/api/sync", null);

        var message = await ErrorAsync(second, HttpStatusCode.Conflict, "SYNC_IN_PROGRESS");
        Assert.Equal("A sync operation is already running", message);
    }

    [Fact]
    public async Task StartSync_ForceTrue_PassesForceToThePipeline()
    {
        using var response = await Client.PostAsync("/api/sync?force=true", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await _factory.Pipeline.Started.Guarded();
        Assert.True(run.Force);
    }

    [Fact]
    public async Task StartSync_WithoutForce_DoesNotForce()
    {
        using var response = await Client.PostAsync("/api/sync", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await _factory.Pipeline.Started.Guarded();
        Assert.False(run.Force);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("1x")]
    public async Task StartSync_InvalidForce_Returns400InvalidArgument(string force)
    {
        using var response = await SharedClient.PostAsync($"/api/sync?force={force}", null);

        await ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Equal(0, _shared.Pipeline.Runs);
    }

    [Fact]
    public async Task GetStatus_BeforeAnySync_Returns404NoSyncJob()
    {
        using var response = await SharedClient.GetAsync("/api/sync");

        var message = await ErrorAsync(response, HttpStatusCode.NotFound, "NO_SYNC_JOB");
        Assert.Equal("No sync operation has been run", message);
    }

    [Fact]
    public async Task GetStatus_WhileRunning_ReturnsAllElevenKeysWithNulls()
    {
        using (await Client.PostAsync("/api/sync", null))
        {
        }

        await _factory.Pipeline.Started.Guarded();
        using var response = await Client.GetAsync("/api/sync");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadEnvelopeAsync(response);
        var job = json.RootElement.GetProperty("data");
        Assert.Equal(
            ["jobId", "status", "startTime", "endTime", "durationMs", "courseId", "noUpcomingCourse", "participantsFetched", "filesGenerated", "filesSkipped", "errors"],
            PropertyNames(job));
        Assert.Equal("running", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("endTime").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("durationMs").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("courseId").ValueKind);
        Assert.False(job.GetProperty("noUpcomingCourse").GetBoolean());
        Assert.Equal(0, job.GetProperty("participantsFetched").GetInt32());
        Assert.Equal(JsonValueKind.Array, job.GetProperty("errors").ValueKind);
        Assert.Empty(job.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task GetStatus_AfterSuccess_ReturnsFinishedJob()
    {
        string jobId;
        using (var start = await Client.PostAsync("/api/sync", null))
        {
            using var started = await ReadEnvelopeAsync(start);
            jobId = started.RootElement.GetProperty("data").GetProperty("jobId").GetString()!;
        }

        await _factory.Pipeline.Started.Guarded();
        _factory.Pipeline.Succeed(run =>
        {
            run.ReportCourse("cm1k3p7r20004wxyz5678ijkl");
            run.ReportParticipantsFetched(3);
            run.ReportFileGenerated();
        });
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        using var response = await Client.GetAsync("/api/sync");

        using var json = await ReadEnvelopeAsync(response);
        var job = json.RootElement.GetProperty("data");
        Assert.Equal(jobId, job.GetProperty("jobId").GetString());
        Assert.Equal("success", job.GetProperty("status").GetString());
        Rfc3339Utc(job.GetProperty("endTime"));
        Assert.True(job.GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal("cm1k3p7r20004wxyz5678ijkl", job.GetProperty("courseId").GetString());
        Assert.Equal(3, job.GetProperty("participantsFetched").GetInt32());
        Assert.Equal(1, job.GetProperty("filesGenerated").GetInt32());
        Assert.Equal(0, job.GetProperty("filesSkipped").GetInt32());
    }

    [Fact]
    public async Task GetStatus_AfterFailure_ListsTheError()
    {
        using (await Client.PostAsync("/api/sync", null))
        {
        }

        await _factory.Pipeline.Started.Guarded();
        _factory.Pipeline.Fail("hemera.courses", "Hemera answered 503");
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        using var response = await Client.GetAsync("/api/sync");

        using var json = await ReadEnvelopeAsync(response);
        var job = json.RootElement.GetProperty("data");
        Assert.Equal("failed", job.GetProperty("status").GetString());
        var error = Assert.Single(job.GetProperty("errors").EnumerateArray());
        Assert.Equal(["entity", "message", "timestamp"], PropertyNames(error));
        Assert.Equal("hemera.courses", error.GetProperty("entity").GetString());
        Assert.Equal("Hemera answered 503", error.GetProperty("message").GetString());
        Rfc3339Utc(error.GetProperty("timestamp"));
    }

    [Fact]
    public async Task StartSync_AfterPreviousFinished_Returns202Again()
    {
        using (await Client.PostAsync("/api/sync", null))
        {
        }

        await _factory.Pipeline.Started.Guarded();
        _factory.Pipeline.Succeed();
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        using var second = await Client.PostAsync("/api/sync", null);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
    }

    [Fact]
    public async Task StartSync_100ConcurrentPosts_ExactlyOneStarts()
    {
        var client = Client;
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.PostAsync("/api/sync", null))).Guarded();

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        await _factory.Pipeline.Started.Guarded();
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task StartSync_AfterTimeout_FailsTheJobAndReleasesTheLock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
        _factory.Settings["SYNC_TIMEOUT_MS"] = "60000";
        _factory.ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));

        using (var first = await Client.PostAsync("/api/sync", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        // The pipeline never finishes on its own and ignores cancellation. Only after the assertions does the test let
        // the abandoned run end, so that stopping the host does not wait out its shutdown timeout for it.
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _factory.Pipeline.Started.Guarded();
            _factory.Pipeline.Release((_, _) => abandoned.Task);
            time.Advance(TimeSpan.FromMilliseconds(60_001));
            await _factory.Coordinator.WhenIdleAsync().Guarded();

            using var status = await Client.GetAsync("/api/sync");
            using (var json = await ReadEnvelopeAsync(status))
            {
                var job = json.RootElement.GetProperty("data");
                Assert.Equal("failed", job.GetProperty("status").GetString());
                var error = Assert.Single(job.GetProperty("errors").EnumerateArray());
                Assert.Equal("Sync timed out after 60000 ms; it was cancelled and the lock was released", error.GetProperty("message").GetString());
            }

            using var next = await Client.PostAsync("/api/sync", null);
            Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        }
        finally
        {
            abandoned.TrySetResult();
        }
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("POST", "/api/sync/extra")]
    [InlineData("GET", "/api")]
    public async Task UnknownApiPath_Returns404Envelope(string method, string path)
    {
        using var response = await SharedClient.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task UnsupportedMethod_Returns405Envelope()
    {
        using var response = await SharedClient.DeleteAsync("/api/sync");

        await ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task UnexpectedException_Returns500WithoutInternals()
    {
        _factory.ConfigureServices = services => services.AddGrpc(o => o.Interceptors.Add<ThrowingInterceptor>());

        using var response = await Client.PostAsync("/api/sync", null);

        var message = await ErrorAsync(response, HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        Assert.Equal("An unexpected error occurred", message);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ThrowingInterceptor.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowingInterceptor", body, StringComparison.Ordinal);
        Assert.DoesNotContain(AitherFactory.AdminToken, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc-123.X_y")]
    [InlineData("a")]
    public async Task RequestId_WellFormedIncoming_IsReused(string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sync");
        request.Headers.Add("X-Request-ID", requestId);

        using var response = await SharedClient.SendAsync(request);

        using var json = await ReadEnvelopeAsync(response);
        Assert.Equal(requestId, json.RootElement.GetProperty("meta").GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("ümlaut")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task RequestId_Malformed_IsReplaced(string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sync");
        request.Headers.TryAddWithoutValidation("X-Request-ID", requestId);

        using var response = await SharedClient.SendAsync(request);

        using var json = await ReadEnvelopeAsync(response);
        var actual = json.RootElement.GetProperty("meta").GetProperty("requestId").GetString();
        Assert.NotEqual(requestId, actual);
        Assert.Matches("^req-[0-9a-f]{16}$", actual);
    }

    private sealed class ThrowingInterceptor : Interceptor
    {
        public const string Secret = "internal detail 4711";

        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
            TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
            throw new InvalidOperationException(Secret);
    }
}
