using Aither.Service.Api;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using StatusCode = Grpc.Core.StatusCode;

namespace Aither.Tests.Auth;

/// <summary>The auth matrix over native gRPC (real h2c): Clerk session tokens by role and expiry, and the cron secret.</summary>
public sealed class GrpcAuthTests : IAsyncLifetime, IClassFixture<ClerkFixture>
{
    private const string CronSecret = "grpc-cron-secret-for-tests";

    private readonly ITestOutputHelper _output;
    private readonly ClerkStandIn _clerk;
    private AitherFactory _factory = null!;
    private GrpcChannel _channel = null!;

    public GrpcAuthTests(ClerkFixture clerk, ITestOutputHelper output)
    {
        _clerk = clerk.Clerk;
        _output = output;
    }

    public Task InitializeAsync()
    {
        _factory = new AitherFactory().WithOutput(_output).UseRealKestrel();
        _factory.Settings["CLERK_ISSUER"] = _clerk.Issuer.ToString().TrimEnd('/');
        _factory.Settings["CLERK_AUTHORIZED_PARTIES"] = "https://academy.example.com";
        _factory.Settings["CRON_SECRET"] = CronSecret;
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

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static Dictionary<string, object?> Role(string role) =>
        new() { ["metadata"] = new Dictionary<string, object> { ["role"] = role } };

    /// <summary>A real gRPC status from the service: grpc-status, message and ErrorInfo, not a status guessed from HTTP 401/403.</summary>
    private static void AssertServiceStatus(RpcException error, StatusCode code, string reason, string message)
    {
        Assert.Equal(code, error.StatusCode);
        // Without grpc-status the client would say "Bad gRPC response. HTTP status code: 401".
        Assert.Equal(message, error.Status.Detail);
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(reason, info.Reason);
        Assert.Equal(ApiErrors.Domain, info.Domain);
    }

    public static TheoryData<string?> WrongCredentials => new()
    {
        null,
        "Bearer wrong-token",
        "Basic dGVzdC1hZG1pbi10b2tlbg==",
        "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.",
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task StartSync_MissingOrWrongToken_FailsUnauthenticatedWithMessageAndErrorInfo(string? authorization)
    {
        var headers = authorization is null ? new Metadata() : new Metadata { { "authorization", authorization } };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest(), headers));

        AssertServiceStatus(error, StatusCode.Unauthenticated, "UNAUTHENTICATED", ApiErrors.UnauthenticatedMessage);
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task StartSync_ClerkTokenWithoutAdminRole_FailsPermissionDenied()
    {
        var token = _clerk.CreateToken(Role("trainer"));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest(), Bearer(token)));

        AssertServiceStatus(error, StatusCode.PermissionDenied, "FORBIDDEN", ApiErrors.ForbiddenMessage);
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task GetStatus_ClerkTokenWithoutAnyRole_FailsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetStatusAsync(new GetStatusRequest(), Bearer(_clerk.CreateToken())));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task StartSync_ClerkTokenWithAdminRole_ReturnsRunningJob()
    {
        using var call = Client.StartSyncAsync(new StartSyncRequest(), Bearer(_clerk.CreateToken(Role("admin"))));

        var response = await call.ResponseAsync;

        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(SyncStatus.Running, response.Status);
        await _factory.Pipeline.Started.Guarded();
    }

    [Fact]
    public async Task StartSync_ExpiredClerkTokenWithAdminRole_FailsUnauthenticated()
    {
        var token = _clerk.CreateToken(Role("admin"), expires: DateTimeOffset.UtcNow.AddMinutes(-5), notBefore: DateTimeOffset.UtcNow.AddMinutes(-10));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest(), Bearer(token)));

        AssertServiceStatus(error, StatusCode.Unauthenticated, "UNAUTHENTICATED", ApiErrors.UnauthenticatedMessage);
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task TriggerCronSync_CronSecret_StartsThenReportsAlreadyRunning()
    {
        using var first = Client.TriggerCronSyncAsync(new TriggerCronSyncRequest(), Bearer(CronSecret));
        var started = await first.ResponseAsync;
        await _factory.Pipeline.Started.Guarded();

        var second = await Client.TriggerCronSyncAsync(new TriggerCronSyncRequest(), Bearer(CronSecret));

        Assert.Equal(StatusCode.OK, first.GetStatus().StatusCode);
        Assert.Equal(CronTriggerOutcome.Started, started.Outcome);
        Assert.Matches("^sync-[0-9]+$", started.JobId);
        Assert.Equal(CronTriggerOutcome.AlreadyRunning, second.Outcome);
        Assert.Equal(started.JobId, second.JobId);
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task StartSync_CronSecret_FailsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest(), Bearer(CronSecret)));

        // The cron secret authenticates, but only for the cron trigger.
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, _factory.Pipeline.Runs);
    }
}
