using Aither.Service.Api;
using Aither.Service.Sync;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Testing;
using Aither.Service.State;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Api;

/// <summary>The service class alone, with Grpc.Core.Testing's TestServerCallContext.</summary>
public sealed class SyncGrpcServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T10:00:00.123Z"));
    private readonly ControllablePipeline _pipeline = new();
    private readonly SyncCoordinator _coordinator;
    private readonly TestLifetime _lifetime = new();
    private readonly SyncGrpcService _service;

    public SyncGrpcServiceTests()
    {
        _coordinator = TestCoordinator.Create(_pipeline, _time);
        _service = new SyncGrpcService(_coordinator, new SyncJobWatcher(_coordinator, _time, Options.Create(new StateOptions())), _lifetime);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _pipeline.Succeed();
        await _coordinator.WhenIdleAsync().Guarded();
        _lifetime.Dispose();
    }

    private static ServerCallContext Context(string method) => TestServerCallContext.Create(
        method, null, DateTime.UtcNow.AddMinutes(1), [], CancellationToken.None, "127.0.0.1", null, null,
        _ => Task.CompletedTask, () => new WriteOptions(), _ => { });

    [Fact]
    public async Task StartSync_Idle_ReturnsRunningJob()
    {
        var response = await _service.StartSync(new StartSyncRequest { Force = true }, Context("StartSync"));

        Assert.Equal("sync-1796032800123", response.JobId);
        Assert.Equal(SyncStatus.Running, response.Status);
        Assert.Equal(_time.GetUtcNow(), response.StartTime.ToDateTimeOffset());
        Assert.True((await _pipeline.Started.Guarded()).Force);
    }

    [Fact]
    public async Task StartSync_WhileRunning_ThrowsAlreadyExistsWithErrorInfo()
    {
        await _service.StartSync(new StartSyncRequest(), Context("StartSync"));

        var error = await Assert.ThrowsAsync<RpcException>(() => _service.StartSync(new StartSyncRequest(), Context("StartSync")));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("A sync operation is already running", error.Status.Detail);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        Assert.Equal(("SYNC_IN_PROGRESS", "aither"), (info.Reason, info.Domain));
    }

    [Fact]
    public async Task GetStatus_NoJob_ThrowsNotFoundWithErrorInfo()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _service.GetStatus(new GetStatusRequest(), Context("GetStatus")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("No sync operation has been run", error.Status.Detail);
        Assert.Equal("NO_SYNC_JOB", error.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task GetStatus_FinishedJob_MapsEveryField()
    {
        await _service.StartSync(new StartSyncRequest(), Context("StartSync"));
        await _pipeline.Started.Guarded();
        _pipeline.Release((run, _) =>
        {
            run.ReportCourse("cm1k3p7r20004wxyz5678ijkl");
            run.ReportParticipantsFetched(3);
            run.ReportFileGenerated();
            _time.Advance(TimeSpan.FromSeconds(2));
            throw new SyncFailedException("output", "Could not write courses/gehaltsgespraech.html");
        });
        await _coordinator.WhenIdleAsync().Guarded();

        var job = (await _service.GetStatus(new GetStatusRequest(), Context("GetStatus"))).Job;

        Assert.Equal(SyncStatus.Failed, job.Status);
        Assert.Equal(2000, job.DurationMs);
        Assert.Equal(_time.GetUtcNow(), job.EndTime.ToDateTimeOffset());
        Assert.Equal("cm1k3p7r20004wxyz5678ijkl", job.CourseId);
        Assert.Equal(3, job.ParticipantsFetched);
        Assert.Equal(1, job.FilesGenerated);
        Assert.Equal(0, job.FilesSkipped);
        Assert.False(job.NoUpcomingCourse);
        var error = Assert.Single(job.Errors);
        Assert.Equal(("output", "Could not write courses/gehaltsgespraech.html"), (error.Entity, error.Message));
    }
}
