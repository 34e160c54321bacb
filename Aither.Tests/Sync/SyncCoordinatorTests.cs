using System.Security.Cryptography;
using Aither.Service.State;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Sync;

public sealed class SyncCoordinatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T10:00:00Z"));
    private readonly ControllablePipeline _pipeline = new();
    private readonly RecordingObserver _observer = new();
    private readonly SyncCoordinator _coordinator;

    public SyncCoordinatorTests()
    {
        _coordinator = Create(_pipeline, _observer);
    }

    private SyncCoordinator Create(ISyncPipeline pipeline, params ISyncObserver[] observers) =>
        TestCoordinator.Create(pipeline, _time, new SyncOptions { TimeoutMs = 60_000, ShutdownGraceMs = 5_000 }, observers);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _pipeline.Succeed();
        await _coordinator.WhenIdleAsync().Guarded();
    }

    [Fact]
    public void Latest_BeforeAnySync_IsNull()
    {
        Assert.Null(_coordinator.Latest);
    }

    [Fact]
    public async Task TryStart_Idle_StartsARunningJob()
    {
        var result = await _coordinator.TryStartAsync(force: true);

        Assert.True(result.Started);
        Assert.Equal($"sync-{_time.GetUtcNow().ToUnixTimeMilliseconds()}", result.Job.JobId);
        Assert.Equal(SyncJobStatus.Running, result.Job.Status);
        Assert.True(result.Job.Force);
        Assert.Null(result.Job.EndTime);
        var run = await _pipeline.Started.Guarded();
        Assert.Equal(result.Job.JobId, run.JobId);
    }

    [Fact]
    public async Task TryStart_WhileRunning_ReturnsTheRunningJobWithoutStarting()
    {
        var first = await _coordinator.TryStartAsync(force: false);

        var second = await _coordinator.TryStartAsync(force: true);

        Assert.False(second.Started);
        Assert.Equal(first.Job.JobId, second.Job.JobId);
    }

    [Fact]
    public async Task TryStart_ManyThreadsAtOnce_StartsExactlyOne()
    {
        // Sixteen threads of their own meet at the barrier: blocking that many thread-pool threads would starve the
        // pool (it adds threads slowly) and stall every test running beside this one.
        using var barrier = new Barrier(16);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Factory.StartNew(
            () =>
            {
                barrier.SignalAndWait();
                return _coordinator.TryStartAsync(force: false);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap())).Guarded();

        Assert.Single(results, r => r.Started);
        Assert.Single(results.Select(r => r.Job.JobId).Distinct());
    }

    [Fact]
    public async Task TryStart_TwoSyncsInTheSameMillisecond_GetDistinctIds()
    {
        var first = await _coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        _pipeline.Succeed();
        await _coordinator.WhenIdleAsync().Guarded();

        var second = await _coordinator.TryStartAsync(force: false);

        Assert.True(second.Started);
        Assert.NotEqual(first.Job.JobId, second.Job.JobId);
        Assert.Equal($"sync-{_time.GetUtcNow().ToUnixTimeMilliseconds() + 1}", second.Job.JobId);
    }

    [Fact]
    public async Task Run_PipelineSucceeds_RecordsProgressAndDuration()
    {
        await _coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        _pipeline.Release((run, _) =>
        {
            run.ReportCourse("c1");
            run.ReportParticipantsFetched(4);
            run.ReportFileSkipped();
            _time.Advance(TimeSpan.FromMilliseconds(1234));
            return Task.CompletedTask;
        });
        await _coordinator.WhenIdleAsync().Guarded();

        var job = _coordinator.Latest!;
        Assert.Equal(SyncJobStatus.Success, job.Status);
        Assert.Equal(1234, job.DurationMs);
        Assert.Equal("c1", job.CourseId);
        Assert.Equal(4, job.ParticipantsFetched);
        Assert.Equal(1, job.FilesSkipped);
        Assert.Empty(job.Errors);
        Assert.Equal(job, Assert.Single(_observer.Completed));
    }

    [Fact]
    public async Task Run_EndedButNotYetRecorded_StillReadsAsRunningAndRefusesANewSync()
    {
        var endRecorded = new TaskCompletionSource();
        var store = new InstrumentedSyncJobStore(TestCoordinator.NewStore()) { EndRecording = endRecorded.Task };
        var coordinator = TestCoordinator.Create(_pipeline, _time, store, new SyncOptions { TimeoutMs = 60_000, ShutdownGraceMs = 5_000 }, [_observer]);
        var first = await coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        _pipeline.Succeed();

        // The pipeline is done; the coordinator now waits on the store to record the end.
        await store.EndReached.Guarded();
        Assert.False((await coordinator.TryStartAsync(force: false)).Started);
        Assert.Equal(SyncJobStatus.Running, coordinator.Latest!.Status);
        Assert.Null(coordinator.Latest.EndTime);

        endRecorded.SetResult();
        await coordinator.WhenIdleAsync().Guarded();
        Assert.Equal((first.Job.JobId, SyncJobStatus.Success), (coordinator.Latest!.JobId, coordinator.Latest.Status));
        Assert.True((await coordinator.TryStartAsync(force: false)).Started);
        _pipeline.Succeed();
        await coordinator.WhenIdleAsync().Guarded();
    }

    [Fact]
    public async Task Run_WrittenPageCannotBeStored_RecordsTheJobAsFailedAndKeepsTheStoredPage()
    {
        var store = TestCoordinator.NewStore();
        var coordinator = TestCoordinator.Create(_pipeline, _time, store, new SyncOptions { TimeoutMs = 60_000, ShutdownGraceMs = 5_000 }, [_observer]);
        var hashed = "<p>Anna Berg</p>"u8.ToArray();
        var onDisk = "<p>Bernd Kraus</p>"u8.ToArray();

        await coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        _pipeline.Release((run, _) =>
        {
            // The file no longer holds the bytes that were hashed while it was written.
            run.ReportPageWritten(PageContent.Hashed(new MemoryStream(onDisk), hashed.Length, Convert.ToHexStringLower(SHA256.HashData(hashed))));
            run.ReportFileGenerated();
            return Task.CompletedTask;
        });
        await coordinator.WhenIdleAsync().Guarded();

        var job = coordinator.Latest!;
        Assert.Equal(SyncJobStatus.Failed, job.Status);
        var error = Assert.Single(job.Errors);
        Assert.Equal(SyncErrorEntities.Output, error.Entity);
        var recorded = (await store.GetLatestAsync(default))!;
        Assert.Equal((job.JobId, SyncJobStatus.Failed), (recorded.JobId, recorded.Status));
        Assert.Equal(error, Assert.Single(recorded.Errors));
        Assert.Null(await store.GetPageAsync(default));
        Assert.Equal(job, Assert.Single(_observer.Completed));
    }

    [Fact]
    public async Task Run_PipelineFailsWithSyncFailedException_RecordsEntityAndMessage()
    {
        await _coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        _pipeline.Fail("hemera.course-detail", "data.participants[3].preparationCompletedAt: not an RFC 3339 date");
        await _coordinator.WhenIdleAsync().Guarded();

        var job = _coordinator.Latest!;
        Assert.Equal(SyncJobStatus.Failed, job.Status);
        var error = Assert.Single(job.Errors);
        Assert.Equal("hemera.course-detail", error.Entity);
        Assert.Equal("data.participants[3].preparationCompletedAt: not an RFC 3339 date", error.Message);
    }

    [Fact]
    public async Task Run_PipelineThrowsUnexpectedly_RecordsTypeButNotTheMessage()
    {
        await _coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        _pipeline.Release((_, _) => throw new InvalidOperationException("Max Mustermann wants to learn X"));
        await _coordinator.WhenIdleAsync().Guarded();

        var error = Assert.Single(_coordinator.Latest!.Errors);
        Assert.Equal("sync", error.Entity);
        Assert.Contains("InvalidOperationException", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Mustermann", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TimesOutWhilePipelineIgnoresCancellation_ReleasesLockAndRevokesCommits()
    {
        await _coordinator.TryStartAsync(force: false);
        var run = await _pipeline.Started.Guarded();
        var stuck = new TaskCompletionSource();
        _pipeline.Release((_, _) => stuck.Task);

        _time.Advance(TimeSpan.FromMilliseconds(60_000));
        await _coordinator.WhenIdleAsync().Guarded();

        var job = _coordinator.Latest!;
        Assert.Equal(SyncJobStatus.Failed, job.Status);
        Assert.Equal("Sync timed out after 60000 ms; it was cancelled and the lock was released", Assert.Single(job.Errors).Message);
        var committed = false;
        Assert.Throws<OperationCanceledException>(() => run.Commit(() => committed = true));
        Assert.False(committed);
        run.ReportFileGenerated();
        Assert.Equal(0, _coordinator.Latest!.FilesGenerated);
        Assert.True((await _coordinator.TryStartAsync(force: false)).Started);
        stuck.SetResult();
    }

    [Fact]
    public async Task Run_BeforeTimeout_CommitsAreAllowed()
    {
        await _coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        var committed = false;
        _pipeline.Release((run, _) =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(59_999));
            run.Commit(() => committed = true);
            return Task.CompletedTask;
        });
        await _coordinator.WhenIdleAsync().Guarded();

        Assert.True(committed);
        Assert.Equal(SyncJobStatus.Success, _coordinator.Latest!.Status);
    }

    [Fact]
    public async Task StopAsync_WhileRunning_CancelsThePipelineAndRecordsFailed()
    {
        await _coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        var observedCancellation = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        _pipeline.Release(async (_, cancellationToken) =>
        {
            entered.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                observedCancellation.SetResult();
            }
        });

        await entered.Task.Guarded();
        await _coordinator.StopAsync(CancellationToken.None).Guarded();

        Assert.True(observedCancellation.Task.IsCompleted);
        var job = _coordinator.Latest!;
        Assert.Equal(SyncJobStatus.Failed, job.Status);
        Assert.Equal("Sync cancelled because the service is shutting down", Assert.Single(job.Errors).Message);
    }

    [Fact]
    public async Task Observers_OneThrows_OthersStillHearOfTheSync()
    {
        var second = new RecordingObserver();
        var coordinator = Create(_pipeline, new ThrowingObserver(), second);

        await coordinator.TryStartAsync(force: false);
        await _pipeline.Started.Guarded();
        _pipeline.Succeed();
        await coordinator.WhenIdleAsync().Guarded();

        Assert.Single(second.Started);
        Assert.Equal(SyncJobStatus.Success, Assert.Single(second.Completed).Status);
    }

    private sealed class RecordingObserver : ISyncObserver
    {
        public List<SyncJobSnapshot> Started { get; } = [];

        public List<SyncJobSnapshot> Completed { get; } = [];

        public void SyncStarted(SyncJobSnapshot job) => Started.Add(job);

        public void SyncCompleted(SyncJobSnapshot job) => Completed.Add(job);
    }

    private sealed class ThrowingObserver : ISyncObserver
    {
        public void SyncStarted(SyncJobSnapshot job) => throw new InvalidOperationException("observer broke");

        public void SyncCompleted(SyncJobSnapshot job) => throw new InvalidOperationException("observer broke");
    }
}
