using Aither.Service.Scheduling;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Sync;

/// <summary>Two coordinators on one SQLite state file behave as two instances: one sync at a time, one job per schedule slot.</summary>
public sealed class SharedStoreCoordinatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T10:07:00Z"));
    private readonly ControllablePipeline _pipelineA = new();
    private readonly ControllablePipeline _pipelineB = new();
    private readonly SyncCoordinator _a;
    private readonly SyncCoordinator _b;

    public SharedStoreCoordinatorTests()
    {
        var store = TestCoordinator.NewStore();
        _a = TestCoordinator.Create(_pipelineA, _time, store);
        _b = TestCoordinator.Create(_pipelineB, _time, new Aither.Service.State.Sqlite.SqliteSyncJobStore(store.DatabasePath));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _pipelineA.Succeed();
        _pipelineB.Succeed();
        await Task.WhenAll(_a.WhenIdleAsync(), _b.WhenIdleAsync()).Guarded();
    }

    [Fact]
    public async Task TryStart_WhileTheOtherRuns_ReturnsTheOthersJob()
    {
        var started = await _a.TryStartAsync(force: false).Guarded();

        var refused = await _b.TryStartAsync(force: true).Guarded();

        Assert.True(started.Started);
        Assert.False(refused.Started);
        Assert.Equal(started.Job.JobId, refused.Job.JobId);
        Assert.Equal(0, _pipelineB.Runs);
    }

    [Fact]
    public async Task TryStart_AfterTheOtherFinished_StartsTheNextJob()
    {
        var first = await _a.TryStartAsync(force: false).Guarded();
        _pipelineA.Succeed();
        await _a.WhenIdleAsync().Guarded();

        var second = await _b.TryStartAsync(force: false).Guarded();

        Assert.True(second.Started);
        Assert.NotEqual(first.Job.JobId, second.Job.JobId);
        Assert.Equal(SyncJobStatus.Success, (await _b.GetJobAsync(first.Job.JobId))!.Status);
    }

    [Fact]
    public async Task ScheduleSlot_BothFireAfterTheFirstJobEnded_StartsOneJob()
    {
        var slot = DateTimeOffset.Parse("2026-11-30T10:30:00Z");
        var first = await _a.TryStartAsync(force: false, scheduleSlot: slot).Guarded();
        _pipelineA.Succeed();
        await _a.WhenIdleAsync().Guarded();

        var second = await _b.TryStartAsync(force: false, scheduleSlot: slot).Guarded();

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal(first.Job.JobId, second.Job.JobId);
        Assert.Equal(0, _pipelineB.Runs);
    }

    [Fact]
    public async Task Schedulers_OnBothInstances_StartOneSyncPerSlot()
    {
        var schedulers = new[] { Scheduler(_a), Scheduler(_b) };
        foreach (var scheduler in schedulers)
        {
            await scheduler.StartAsync(CancellationToken.None);
        }

        var runs = schedulers.Select(s => s.RunOnceAsync(CancellationToken.None)).ToArray();
        _time.Advance(TimeSpan.FromMinutes(23));
        await Task.WhenAll(runs).Guarded();
        await Task.WhenAny(_pipelineA.Started, _pipelineB.Started).Guarded();

        Assert.Equal(1, _pipelineA.Runs + _pipelineB.Runs);
        var latest = (await _a.ListJobsAsync(null, 10))!.Single();
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T10:30:00Z"), latest.StartTime);
    }

    private SyncScheduler Scheduler(SyncCoordinator coordinator) => new(
        coordinator,
        Options.Create(new ScheduleOptions { Schedule = "*/30 * * * *", TimeZone = "UTC" }),
        _time,
        NullLogger<SyncScheduler>.Instance);
}
