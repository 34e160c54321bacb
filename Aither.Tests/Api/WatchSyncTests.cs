using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aither.Service.Sync;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aither.Tests.Api;

/// <summary>
/// WatchSync over real h2c gRPC and its REST face over real HTTP/1.1 (newline-delimited envelopes), against the
/// service on Kestrel with the test driving the pipeline.
/// </summary>
public sealed class WatchSyncTests : IAsyncLifetime
{
    private static readonly string?[] PhaseWords = [null, "fetching_courses", "fetching_detail", "rendering", "writing"];

    private readonly AitherFactory _factory;
    private readonly WriteAfterCancelHook _writeHook = new();
    private GrpcChannel _channel = null!;
    private HttpClient _rest = null!;

    public WatchSyncTests(ITestOutputHelper output)
    {
        _factory = new AitherFactory().WithOutput(output).UseRealKestrel();
        _factory.ConfigureServices = services =>
        {
            services.AddSingleton(_writeHook);
            services.AddGrpc(o => o.Interceptors.Add<WriteAfterCancelHook>());
        };
    }

    public Task InitializeAsync()
    {
        _factory.StartServer();
        _channel = GrpcChannel.ForAddress(_factory.GrpcAddress!);
        _rest = _factory.CreateAdminClient();
        _rest.DefaultRequestVersion = HttpVersion.Version11;
        _rest.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        _rest.Dispose();
        _channel.Dispose();
        await _factory.DisposeAsync().AsTask().Guarded();
    }

    private SyncService.SyncServiceClient Client => new(_channel);

    private static Metadata Admin => new() { { "authorization", $"Bearer {AitherFactory.AdminToken}" } };

    /// <summary>Every step a real sync reports, in its order, as fast as it can.</summary>
    private static void Steps(SyncRun run)
    {
        run.ReportPhase(SyncJobPhase.FetchingCourses);
        run.ReportCoursePagesFetched(1);
        run.ReportCoursePagesFetched(2);
        run.ReportCourse("course-7");
        run.ReportPhase(SyncJobPhase.FetchingDetail);
        run.ReportParticipantsFetched(4);
        run.ReportPhase(SyncJobPhase.Rendering);
        run.ReportPhase(SyncJobPhase.Writing);
        run.ReportFileGenerated();
    }

    private async Task<(string JobId, SyncRun Run)> StartAsync()
    {
        var started = await _factory.Coordinator.TryStartAsync(force: false).Guarded();
        Assert.True(started.Started);
        return (started.Job.JobId, await _factory.Pipeline.Started.Guarded());
    }

    private static async Task<WatchSyncResponse> NextAsync(AsyncServerStreamingCall<WatchSyncResponse> call)
    {
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).Guarded(), "the stream ended");
        return call.ResponseStream.Current;
    }

    private static async Task<List<WatchSyncResponse>> RestOfAsync(AsyncServerStreamingCall<WatchSyncResponse> call)
    {
        var events = new List<WatchSyncResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None).Guarded())
        {
            events.Add(call.ResponseStream.Current);
        }

        return events;
    }

    private static List<T> Distinct<T>(IEnumerable<T> values)
    {
        var distinct = new List<T>();
        foreach (var value in values)
        {
            if (distinct.Count == 0 || !EqualityComparer<T>.Default.Equals(distinct[^1], value))
            {
                distinct.Add(value);
            }
        }

        return distinct;
    }

    private HttpRequestMessage Events(string path) => new(HttpMethod.Get, path)
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    [Fact]
    public async Task WatchSync_RunningJob_StreamsEveryStepInOrderAndEndsWithGetSyncJobsAnswer()
    {
        var (jobId, _) = await StartAsync();
        using var call = Client.WatchSync(new WatchSyncRequest { JobId = jobId }, Admin);

        // The current state comes at once, before the sync has done anything.
        var first = await NextAsync(call);
        _factory.Pipeline.Succeed(Steps);
        var events = new List<WatchSyncResponse> { first };
        events.AddRange(await RestOfAsync(call));

        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(jobId, first.Job.JobId);
        Assert.Equal(SyncStatus.Running, first.Job.Status);
        Assert.Equal(SyncPhase.Unspecified, first.Progress.Phase);
        Assert.Equal(
            [SyncPhase.Unspecified, SyncPhase.FetchingCourses, SyncPhase.FetchingDetail, SyncPhase.Rendering, SyncPhase.Writing],
            Distinct(events.Select(e => e.Progress.Phase)));
        Assert.Equal([0, 1, 2], Distinct(events.Select(e => e.Progress.CoursePagesFetched)));
        Assert.Equal([0, 4], Distinct(events.Select(e => e.Job.ParticipantsFetched)));
        // One event per step: the start, nine reported changes, the end.
        Assert.Equal(11, events.Count);
        Assert.All(events[..^1], e => Assert.Equal(SyncStatus.Running, e.Job.Status));
        var last = events[^1];
        Assert.Equal(SyncStatus.Success, last.Job.Status);
        var byId = await Client.GetSyncJobAsync(new GetSyncJobRequest { JobId = jobId }, Admin);
        Assert.Equal(byId.Job, last.Job);
        Assert.Equal(byId.Progress, last.Progress);
        Assert.Equal(SyncPhase.Writing, last.Progress.Phase);
    }

    [Fact]
    public async Task WatchSync_EmptyIdAfterTheSync_SendsTheFinalStateOnceAndCompletes()
    {
        var (jobId, _) = await StartAsync();
        _factory.Pipeline.Succeed(Steps);
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        using var call = Client.WatchSync(new WatchSyncRequest(), Admin);
        var events = await RestOfAsync(call);

        var only = Assert.Single(events);
        Assert.Equal(jobId, only.Job.JobId);
        Assert.Equal(SyncStatus.Success, only.Job.Status);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task WatchSync_UnknownIdOrNoSyncYet_FailsNotFoundWithErrorInfo()
    {
        using var unknown = Client.WatchSync(new WatchSyncRequest { JobId = "sync-42" }, Admin);
        var error = await Assert.ThrowsAsync<RpcException>(() => unknown.ResponseStream.MoveNext(CancellationToken.None).Guarded());
        using var latest = Client.WatchSync(new WatchSyncRequest(), Admin);
        var none = await Assert.ThrowsAsync<RpcException>(() => latest.ResponseStream.MoveNext(CancellationToken.None).Guarded());

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(("SYNC_JOB_NOT_FOUND", "aither", "sync-42"), (info.Reason, info.Domain, info.Metadata["jobId"]));
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        Assert.Equal("NO_SYNC_JOB", none.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
    }

    [Fact]
    public async Task WatchSync_CallerCancels_EndsTheCallAndTheSyncGoesOn()
    {
        var (jobId, _) = await StartAsync();
        using var cancel = new CancellationTokenSource();
        using var call = Client.WatchSync(new WatchSyncRequest { JobId = jobId }, Admin, cancellationToken: cancel.Token);
        await NextAsync(call);

        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).Guarded());
        _factory.Pipeline.Succeed(Steps);
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(SyncJobStatus.Success, (await _factory.Coordinator.GetJobAsync(jobId))!.Status);
        Assert.DoesNotContain(_factory.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchSync_CallerCancelsWhileAnEventIsBeingWritten_EndsQuietly()
    {
        var (jobId, _) = await StartAsync();
        using var cancel = new CancellationTokenSource();
        using var call = Client.WatchSync(new WatchSyncRequest { JobId = jobId }, Admin, cancellationToken: cancel.Token);
        await NextAsync(call);

        // The next event's write waits until the cancellation has reached the server, then goes to a call that has ended.
        _writeHook.Armed = true;
        _factory.Pipeline.Succeed(Steps);
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).Guarded());
        var ended = await _writeHook.Ended.Guarded();
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Null(ended);
        Assert.Equal(SyncJobStatus.Success, (await _factory.Coordinator.GetJobAsync(jobId))!.Status);
        Assert.DoesNotContain(_factory.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rest_ClientGoesAwayWhileAnEventIsBeingWritten_EndsQuietly()
    {
        var (jobId, _) = await StartAsync();
        var response = await _rest.SendAsync(Events($"/api/sync/jobs/{jobId}/events"), HttpCompletionOption.ResponseHeadersRead).Guarded();
        var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.NotNull(await lines.ReadLineAsync().Guarded());

        _writeHook.Armed = true;
        _factory.Pipeline.Succeed(Steps);
        lines.Dispose();
        response.Dispose();
        var ended = await _writeHook.Ended.Guarded();
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        Assert.Null(ended);
        Assert.Equal(SyncJobStatus.Success, (await _factory.Coordinator.GetJobAsync(jobId))!.Status);
        Assert.DoesNotContain(_factory.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchSync_ServiceStops_EndsGrpcWithShuttingDownAndRestWithAnErrorLine()
    {
        var (jobId, _) = await StartAsync();
        using var call = Client.WatchSync(new WatchSyncRequest { JobId = jobId }, Admin);
        await NextAsync(call);
        using var response = await _rest.SendAsync(Events($"/api/sync/jobs/{jobId}/events"), HttpCompletionOption.ResponseHeadersRead).Guarded();
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.NotNull(await lines.ReadLineAsync().Guarded());

        _factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).Guarded());
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("SHUTTING_DOWN", error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        var last = JsonNode.Parse((await lines.ReadLineAsync().Guarded())!)!;
        Assert.False(last["success"]!.GetValue<bool>());
        Assert.Equal("SHUTTING_DOWN", last["error"]!["code"]!.GetValue<string>());
        Assert.Null(await lines.ReadLineAsync().Guarded());
    }

    [Fact]
    public async Task Rest_RunningJob_StreamsNdjsonEnvelopesOverHttp11AndTheLastEqualsTheJobById()
    {
        var (jobId, _) = await StartAsync();
        var path = $"/api/sync/jobs/{jobId}/events";
        using var response = await _rest.SendAsync(Events(path), HttpCompletionOption.ResponseHeadersRead).Guarded();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("X-Request-ID"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string> { (await reader.ReadLineAsync().Guarded())! };
        _factory.Pipeline.Succeed(Steps);
        while (await reader.ReadLineAsync().Guarded() is { } line)
        {
            lines.Add(line);
        }

        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.True(e.GetProperty("success").GetBoolean()));
        Assert.Equal("running", events[0].GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(PhaseWords, Distinct(events.Select(e => e.GetProperty("data").GetProperty("progress").GetProperty("phase").GetString())));
        using var byId = JsonDocument.Parse(await _rest.GetStringAsync($"/api/sync/jobs/{jobId}"));
        Assert.Equal(byId.RootElement.GetProperty("data").GetRawText(), events[^1].GetProperty("data").GetRawText());
        Assert.Equal("success", events[^1].GetProperty("data").GetProperty("status").GetString());
        var contract = OpenApiContract.Parse(await _rest.GetStringAsync("/openapi/v1.json"));
        contract.AssertValid(HttpMethod.Get, path, 200, "application/x-ndjson", string.Join('\n', lines));
    }

    [Fact]
    public async Task Rest_UnknownIdOrNoSyncYet_Returns404Envelope()
    {
        using var unknown = await _rest.SendAsync(Events("/api/sync/jobs/sync-42/events")).Guarded();
        using var latest = await _rest.SendAsync(Events("/api/sync/events")).Guarded();

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/json", unknown.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal("SYNC_JOB_NOT_FOUND", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
        using var none = JsonDocument.Parse(await latest.Content.ReadAsStringAsync());
        Assert.Equal("NO_SYNC_JOB", none.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Rest_CallerGoesAway_TheSyncGoesOnWithoutAnError()
    {
        var (jobId, _) = await StartAsync();
        using (var response = await _rest.SendAsync(Events($"/api/sync/jobs/{jobId}/events"), HttpCompletionOption.ResponseHeadersRead).Guarded())
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.NotNull(await reader.ReadLineAsync().Guarded());
        }

        _factory.Pipeline.Succeed(Steps);
        await _factory.Coordinator.WhenIdleAsync().Guarded();
        using var latest = await _rest.SendAsync(Events("/api/sync/events"), HttpCompletionOption.ResponseHeadersRead).Guarded();
        var only = JsonDocument.Parse((await latest.Content.ReadAsStringAsync().Guarded()).Trim()).RootElement;

        Assert.Equal("success", only.GetProperty("data").GetProperty("status").GetString());
        Assert.DoesNotContain(_factory.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WatchSync_NoCredentials_FailsUnauthenticated()
    {
        using var call = Client.WatchSync(new WatchSyncRequest());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).Guarded());

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
