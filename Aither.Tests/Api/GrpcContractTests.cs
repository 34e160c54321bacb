using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Aither.Tests.Api;

/// <summary>Native gRPC over a real h2c endpoint, as internal callers and grpcurl use it.</summary>
public sealed class GrpcContractTests : IAsyncLifetime
{
    private readonly AitherFactory _factory;
    private GrpcChannel _channel = null!;

    public GrpcContractTests(ITestOutputHelper output)
    {
        _factory = new AitherFactory().WithOutput(output).UseRealKestrel();
    }

    public Task InitializeAsync()
    {
        _factory.StartServer();
        _channel = GrpcChannel.ForAddress(_factory.GrpcAddress!);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        _channel.Dispose();
        await _factory.DisposeAsync();
    }

    private SyncService.SyncServiceClient Client => new(_channel);

    private static Metadata Admin => new() { { "authorization", $"Bearer {AitherFactory.AdminToken}" } };

    [Fact]
    public async Task StartSync_Idle_ReturnsRunningJobWithGrpcStatusOk()
    {
        using var call = Client.StartSyncAsync(new StartSyncRequest(), Admin);

        var response = await call.ResponseAsync;

        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Matches("^sync-[0-9]+$", response.JobId);
        Assert.Equal(SyncStatus.Running, response.Status);
        Assert.NotNull(response.StartTime);
    }

    [Fact]
    public async Task StartSync_WhileRunning_FailsAlreadyExistsWithErrorInfo()
    {
        var running = await Client.StartSyncAsync(new StartSyncRequest(), Admin);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest(), Admin));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("SYNC_IN_PROGRESS", info.Reason);
        Assert.Equal("aither", info.Domain);
        Assert.Equal(running.JobId, info.Metadata["jobId"]);
    }

    [Fact]
    public async Task GetStatus_BeforeAndAfterASync_NotFoundThenJob()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetStatusAsync(new GetStatusRequest(), Admin));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("NO_SYNC_JOB", error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);

        var started = await Client.StartSyncAsync(new StartSyncRequest { Force = true }, Admin);
        await _factory.Pipeline.Started.Guarded();
        _factory.Pipeline.Succeed(run => run.ReportNoUpcomingCourse());
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        var status = await Client.GetStatusAsync(new GetStatusRequest(), Admin);
        Assert.Equal(started.JobId, status.Job.JobId);
        Assert.Equal(SyncStatus.Success, status.Job.Status);
        Assert.True(status.Job.NoUpcomingCourse);
        Assert.False(status.Job.HasCourseId);
        Assert.True(status.Job.HasDurationMs);
        Assert.NotNull(status.Job.EndTime);
    }

    [Fact]
    public async Task StartSync_NoCredentials_FailsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task GetStatus_WrongToken_FailsUnauthenticated()
    {
        var headers = new Metadata { { "authorization", "Bearer not-the-token" } };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetStatusAsync(new GetStatusRequest(), headers));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task RestEndpoint_OnTheRestPort_StillServesTheEnvelope()
    {
        using var http = new HttpClient { BaseAddress = _factory.RestAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", AitherFactory.AdminToken);

        using var response = await http.PostAsync("/api/sync", null);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }
}
