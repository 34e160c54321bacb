using Aither.Service.Api;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using StatusCode = Grpc.Core.StatusCode;

namespace Aither.Tests.Auth;

/// <summary>
/// The auth matrix over native gRPC (real h2c): Clerk session tokens by role and expiry, and the cron secret.
/// The refused calls go to one service shared by the class; a call that starts a sync goes to a service of its own.
/// </summary>
public sealed class GrpcAuthTests : IAsyncLifetime, IClassFixture<ClerkFixture>, IClassFixture<SharedAitherFactory>
{
    private const string CronSecret = "grpc-cron-secret-for-tests";

    private readonly ITestOutputHelper _output;
    private readonly ClerkStandIn _clerk;
    private readonly AitherFactory _shared;
    private readonly List<GrpcChannel> _channels = [];
    private AitherFactory? _own;

    public GrpcAuthTests(ClerkFixture clerk, SharedAitherFactory shared, ITestOutputHelper output)
    {
        _clerk = clerk.Clerk;
        _output = output;
        _shared = shared.For(output, CreateFactory);
    }

    private AitherFactory CreateFactory()
    {
        var factory = new AitherFactory().WithOutput(_output).UseRealKestrel();
        factory.Settings["CLERK_ISSUER"] = _clerk.Issuer.ToString().TrimEnd('/');
        factory.Settings["CLERK_AUTHORIZED_PARTIES"] = "https://academy.example.com";
        factory.Settings["CRON_SECRET"] = CronSecret;
        // The shared service answers every refused call of the class from one address; the limit of failed
        // authentications per address is tested in FailedAuthenticationLimitTests, not here.
        factory.Settings["AUTH_FAILURE_LIMIT"] = "100000";
        return factory;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        if (_own is not null)
        {
            _own.Pipeline.Succeed();
            await _own.DisposeAsync();
        }
    }

    /// <summary>A client of the shared service, which must refuse the call.</summary>
    private SyncService.SyncServiceClient Client => ClientOf(_shared);

    /// <summary>A service of this test's own, for a call that starts a sync.</summary>
    private AitherFactory Own => _own ??= CreateFactory();

    private SyncService.SyncServiceClient ClientOf(AitherFactory factory)
    {
        factory.StartServer();
        var channel = GrpcChannel.ForAddress(factory.GrpcAddress!);
        _channels.Add(channel);
        return new(channel);
    }

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
        Assert.Equal(0, _shared.Pipeline.Runs);
    }

    [Fact]
    public async Task StartSync_ClerkTokenWithoutAdminRole_FailsPermissionDenied()
    {
        var token = _clerk.CreateToken(Role("trainer"));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest(), Bearer(token)));

        AssertServiceStatus(error, StatusCode.PermissionDenied, "FORBIDDEN", ApiErrors.ForbiddenMessage);
        Assert.Equal(0, _shared.Pipeline.Runs);
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
        using var call = ClientOf(Own).StartSyncAsync(new StartSyncRequest(), Bearer(_clerk.CreateToken(Role("admin"))));

        var response = await call.ResponseAsync;

        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal(SyncStatus.Running, response.Status);
        await Own.Pipeline.Started.Guarded();
    }

    [Fact]
    public async Task StartSync_ExpiredClerkTokenWithAdminRole_FailsUnauthenticated()
    {
        var token = _clerk.CreateToken(Role("admin"), expires: DateTimeOffset.UtcNow.AddMinutes(-5), notBefore: DateTimeOffset.UtcNow.AddMinutes(-10));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest(), Bearer(token)));

        AssertServiceStatus(error, StatusCode.Unauthenticated, "UNAUTHENTICATED", ApiErrors.UnauthenticatedMessage);
        Assert.Equal(0, _shared.Pipeline.Runs);
    }

    [Fact]
    public async Task TriggerCronSync_CronSecret_StartsThenReportsAlreadyRunning()
    {
        var client = ClientOf(Own);
        using var first = client.TriggerCronSyncAsync(new TriggerCronSyncRequest(), Bearer(CronSecret));
        var started = await first.ResponseAsync;
        await Own.Pipeline.Started.Guarded();

        var second = await client.TriggerCronSyncAsync(new TriggerCronSyncRequest(), Bearer(CronSecret));

        Assert.Equal(StatusCode.OK, first.GetStatus().StatusCode);
        Assert.Equal(CronTriggerOutcome.Started, started.Outcome);
        Assert.Matches("^sync-[0-9]+$", started.JobId);
        Assert.Equal(CronTriggerOutcome.AlreadyRunning, second.Outcome);
        Assert.Equal(started.JobId, second.JobId);
        Assert.Equal(1, Own.Pipeline.Runs);
    }

    [Fact]
    public async Task StartSync_CronSecret_FailsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.StartSyncAsync(new StartSyncRequest(), Bearer(CronSecret)));

        // The cron secret authenticates, but only for the cron trigger.
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, _shared.Pipeline.Runs);
    }
}
