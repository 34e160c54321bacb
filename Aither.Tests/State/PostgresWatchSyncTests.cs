using System.Text.Json.Nodes;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Aither.Tests.State;

/// <summary>
/// Two service instances on one real PostgreSQL: a sync runs the real pipeline on one (against the Hemera stand-in,
/// held at each request), and a watcher on the other follows it through the store.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWatchSyncTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private HemeraStandIn _hemera = null!;

    private static Metadata Admin => new() { { "authorization", $"Bearer {AitherFactory.AdminToken}" } };

    public async Task InitializeAsync() => _hemera = await HemeraStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _hemera.DisposeAsync();
        _dir.Dispose();
    }

    private AitherFactory Instance(string connection, string name)
    {
        var factory = new AitherFactory { UseControllablePipeline = false }.WithOutput(output).UseRealKestrel();
        factory.Settings["SYNC_STATE_PROVIDER"] = "postgres";
        factory.Settings["SYNC_STATE_CONNECTION"] = connection;
        factory.Settings["SYNC_STATE_REFRESH_MS"] = "200";
        factory.Settings["HEMERA_API_BASE_URL"] = _hemera.BaseUrl;
        factory.Settings["HEMERA_MAX_RETRIES"] = "0";
        factory.Settings["HTML_OUTPUT_DIR"] = _dir.Combine(name, "output");
        factory.StartServer();
        return factory;
    }

    /// <summary>Two pages of courses (Hemera's page holds 500); the one upcoming course is on the second.</summary>
    private void ServeTwoPagesOfCourses(string courseId)
    {
        var now = DateTimeOffset.UtcNow;
        var past = Enumerable.Range(1, 500).Select(n => HemeraJson.Course(HemeraIds.Cuid(n), $"Vergangen {n}", now.AddDays(-30)));
        var detail = HemeraJson.Course(courseId, "Der nächste Kurs", now.AddDays(3));
        detail.Remove("participantCount");
        detail["participants"] = new JsonArray();
        var summary = (JsonObject)detail.DeepClone();
        summary.Remove("participants");
        summary["participantCount"] = 0;
        _hemera.SetCourses([.. past, summary]);
        _hemera.SetDetail(detail);
    }

    private static async Task<WatchSyncResponse> NextUntilAsync(IAsyncStreamReader<WatchSyncResponse> events, Func<WatchSyncResponse, bool> condition, List<WatchSyncResponse> seen)
    {
        while (await events.MoveNext(CancellationToken.None).Guarded())
        {
            seen.Add(events.Current);
            if (condition(events.Current))
            {
                return events.Current;
            }
        }

        throw new Xunit.Sdk.XunitException("The stream ended before the condition was met");
    }

    [Fact]
    public async Task WatchSync_OnTheInstanceThatDoesNotRunTheSync_FollowsItsPhasesThroughTheStoreToItsEnd()
    {
        var connection = await server.CreateDatabaseAsync();
        var courseId = HemeraIds.Cuid(9_001);
        ServeTwoPagesOfCourses(courseId);
        var listed = new TaskCompletionSource();
        var detailed = new TaskCompletionSource();
        _hemera.Hold("/api/service/courses", listed.Task);
        _hemera.Hold($"/api/service/courses/{courseId}", detailed.Task);
        await using var runner = Instance(connection, "a");
        await using var watcher = Instance(connection, "b");
        using var runnerChannel = GrpcChannel.ForAddress(runner.GrpcAddress!);
        using var watcherChannel = GrpcChannel.ForAddress(watcher.GrpcAddress!);
        var onRunner = new SyncService.SyncServiceClient(runnerChannel);
        var onWatcher = new SyncService.SyncServiceClient(watcherChannel);

        var started = await onRunner.StartSyncAsync(new StartSyncRequest(), Admin);
        await _hemera.WaitForRequestsAsync(1).Guarded();
        using var call = onWatcher.WatchSync(new WatchSyncRequest { JobId = started.JobId }, Admin);
        var seen = new List<WatchSyncResponse>();

        // Held at the first course page: the store says fetching_courses, no page yet.
        var listing = await NextUntilAsync(call.ResponseStream, e => e.Progress.Phase == SyncPhase.FetchingCourses, seen);
        Assert.Equal(0, listing.Progress.CoursePagesFetched);
        listed.SetResult();
        // Held at the course detail: both pages fetched, the course selected.
        var fetchingDetail = await NextUntilAsync(call.ResponseStream, e => e.Progress.Phase == SyncPhase.FetchingDetail, seen);
        Assert.Equal(2, fetchingDetail.Progress.CoursePagesFetched);
        Assert.Equal(courseId, fetchingDetail.Job.CourseId);
        detailed.SetResult();
        var last = await NextUntilAsync(call.ResponseStream, e => e.Job.Status != SyncStatus.Running, seen);

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None).Guarded());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(SyncStatus.Success, last.Job.Status);
        Assert.Equal(1, last.Job.FilesGenerated);
        Assert.Equal(SyncPhase.Writing, last.Progress.Phase);
        var phases = seen.Select(e => (int)e.Progress.Phase).ToList();
        Assert.Equal(phases.Order(), phases);
        var pages = seen.Select(e => e.Progress.CoursePagesFetched).ToList();
        Assert.Equal(pages.Order(), pages);
        var byIdOnWatcher = await onWatcher.GetSyncJobAsync(new GetSyncJobRequest { JobId = started.JobId }, Admin);
        var byIdOnRunner = await onRunner.GetSyncJobAsync(new GetSyncJobRequest { JobId = started.JobId }, Admin);
        Assert.Equal(byIdOnWatcher.Job, last.Job);
        Assert.Equal(byIdOnWatcher.Progress, last.Progress);
        Assert.Equal(byIdOnRunner, byIdOnWatcher);
    }
}
