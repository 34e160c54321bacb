using System.Net;
using System.Net.Http.Headers;
using Aither.Service.Api;
using Aither.Service.Auth;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static Aither.Tests.Infrastructure.JsonAssert;
using StatusCode = Grpc.Core.StatusCode;

namespace Aither.Tests.Auth;

/// <summary>
/// Brute-force limiting on the real Kestrel: failed authentications per client address (default 20 a minute),
/// REST and gRPC, with the window on a fake clock. Several clients are told apart by their loopback source address.
/// </summary>
public sealed class FailedAuthenticationLimitTests : IAsyncLifetime
{
    private const string WrongToken = "guess-0b7e51c2d9";
    private const int Limit = 20;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 5, TimeSpan.Zero));
    private readonly ITestOutputHelper _output;
    private RollbarStandIn _rollbar = null!;
    private AitherFactory _factory = null!;
    private readonly List<IDisposable> _disposables = [];

    public FailedAuthenticationLimitTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _rollbar = await RollbarStandIn.StartAsync();
        _factory = new AitherFactory().WithOutput(_output).WithRollbar(_rollbar).UseRealKestrel();
        // Only the limiter's clock is fake: Rollbar's timeouts and retries must keep real time.
        _factory.ConfigureServices = services =>
        {
            services.RemoveAll<FailedAuthenticationLimiter>();
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<FailedAuthenticationLimiter>(sp, (TimeProvider)_time));
        };
        _factory.StartServer();
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        await _factory.DisposeAsync();
        await _rollbar.DisposeAsync();
    }

    private HttpClient Rest(IPAddress source, string token)
    {
        var client = LoopbackSource.Client(source, _factory.RestAddress!);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _disposables.Add(client);
        return client;
    }

    private SyncService.SyncServiceClient Grpc(IPAddress source)
    {
        var channel = GrpcChannel.ForAddress(_factory.GrpcAddress!, new GrpcChannelOptions { HttpHandler = LoopbackSource.Handler(source) });
        _disposables.Add(channel);
        return new SyncService.SyncServiceClient(channel);
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private async Task UseUpFailuresOverRestAsync(IPAddress source)
    {
        var attacker = Rest(source, WrongToken);
        for (var i = 0; i < Limit; i++)
        {
            using var refused = await attacker.PostAsync("/api/sync", null);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task PostSync_21stWrongTokenInAMinute_Returns429WithRetryAfterInTheEnvelope()
    {
        await UseUpFailuresOverRestAsync(LoopbackSource.Attacker);

        using var response = await Rest(LoopbackSource.Attacker, WrongToken).PostAsync("/api/sync", null);

        var message = await ErrorAsync(response, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal(ApiErrors.RateLimitedMessage, message);
        // The fake clock stands 5 s into a one-minute window.
        Assert.Equal(TimeSpan.FromSeconds(55), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task LimitedAddress_ValidTokenFromAnotherAddress_StillGets202And200()
    {
        await UseUpFailuresOverRestAsync(LoopbackSource.Attacker);
        using (var limited = await Rest(LoopbackSource.Attacker, WrongToken).GetAsync("/api/sync"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        var operatorClient = Rest(LoopbackSource.Operator, AitherFactory.AdminToken);
        using var started = await operatorClient.PostAsync("/api/sync", null);
        using var status = await operatorClient.GetAsync("/api/sync");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task LimitedAddress_EvenTheRightToken_Gets429UntilTheWindowEnds()
    {
        await UseUpFailuresOverRestAsync(LoopbackSource.Attacker);
        var sameAddress = Rest(LoopbackSource.Attacker, AitherFactory.AdminToken);

        using (var duringWindow = await sameAddress.GetAsync("/api/sync"))
        {
            // A correct guess must not get through while the address is limited, or the limit would not slow guessing.
            await ErrorAsync(duringWindow, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        }

        _time.Advance(TimeSpan.FromSeconds(55));
        using var nextWindow = await sameAddress.PostAsync("/api/sync", null);

        Assert.Equal(HttpStatusCode.Accepted, nextWindow.StatusCode);
    }

    [Fact]
    public async Task SuccessfulCalls_NeverCountAgainstTheLimit()
    {
        var client = Rest(LoopbackSource.Attacker, AitherFactory.AdminToken);
        for (var i = 0; i < Limit * 2; i++)
        {
            using var ok = await client.GetAsync("/api/sync");
            Assert.Equal(HttpStatusCode.NotFound, ok.StatusCode);
        }

        await UseUpFailuresOverRestAsync(LoopbackSource.Attacker);
    }

    [Fact]
    public async Task StartSync_21stWrongTokenOverGrpc_FailsResourceExhaustedWithErrorInfoAndRetryInfo()
    {
        var attacker = Grpc(LoopbackSource.Attacker);
        for (var i = 0; i < Limit; i++)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await attacker.StartSyncAsync(new StartSyncRequest(), Bearer(WrongToken)));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }

        var error = await Assert.ThrowsAsync<RpcException>(async () => await attacker.StartSyncAsync(new StartSyncRequest(), Bearer(WrongToken)));
        var operatorCall = Grpc(LoopbackSource.Operator).StartSyncAsync(new StartSyncRequest(), Bearer(AitherFactory.AdminToken));
        var started = await operatorCall.ResponseAsync;

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(ApiErrors.RateLimitedMessage, error.Status.Detail);
        var status = error.GetRpcStatus()!;
        var info = status.GetDetail<ErrorInfo>();
        Assert.Equal("RATE_LIMITED", info.Reason);
        Assert.Equal(ApiErrors.Domain, info.Domain);
        Assert.Equal("55", info.Metadata["retryAfterSeconds"]);
        Assert.Equal(TimeSpan.FromSeconds(55), status.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan());
        Assert.Equal(SyncStatus.Running, started.Status);
    }

    [Fact]
    public async Task FailuresOverRestAndGrpc_CountTogetherPerAddress()
    {
        var attacker = Grpc(LoopbackSource.Attacker);
        for (var i = 0; i < Limit / 2; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await attacker.GetStatusAsync(new GetStatusRequest(), Bearer(WrongToken)));
        }

        var rest = Rest(LoopbackSource.Attacker, WrongToken);
        for (var i = 0; i < Limit / 2; i++)
        {
            using var refused = await rest.GetAsync("/api/sync");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var limited = await rest.GetAsync("/api/sync");

        await ErrorAsync(limited, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    [Fact]
    public async Task Burst_OneRollbarItemAndOneLogLinePerBurst_NeverTheToken()
    {
        await UseUpFailuresOverRestAsync(LoopbackSource.Attacker);
        var attacker = Rest(LoopbackSource.Attacker, WrongToken);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var limited = await attacker.PostAsync("/api/sync", null);
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }));

        // The next window, a new burst.
        _time.Advance(TimeSpan.FromMinutes(1));
        await UseUpFailuresOverRestAsync(LoopbackSource.Attacker);
        using (var again = await attacker.PostAsync("/api/sync", null))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        }

        await _factory.DisposeAsync(); // flushes the Rollbar queue
        var items = _rollbar.Accepted.Where(r => r.Message == "auth.rate_limited").ToArray();
        Assert.Equal(2, items.Length);
        Assert.All(items, item =>
        {
            Assert.Equal("warning", item.Level);
            Assert.Equal(["policy", "clientAddress", "permitLimit", "windowSeconds", "limitedUntil"], item.Custom.PropertyNames());
            Assert.Equal("127.0.0.2", item.Custom.GetProperty("clientAddress").GetString());
            Assert.Equal(Limit, item.Custom.GetProperty("permitLimit").GetInt32());
            Assert.Equal(60, item.Custom.GetProperty("windowSeconds").GetInt32());
        });
        Assert.Equal(["2026-12-01T10:01:00Z", "2026-12-01T10:02:00Z"], items.Select(i => i.Custom.GetProperty("limitedUntil").GetString()).Order());
        Assert.Equal(2, _factory.Logs.Lines.Count(l => l.Contains("auth.rate-limited", StringComparison.Ordinal)));
        Assert.DoesNotContain(WrongToken, _factory.Logs.All, StringComparison.Ordinal);
        Assert.All(_rollbar.Requests, r => Assert.DoesNotContain(WrongToken, r.Text, StringComparison.Ordinal));
    }
}
