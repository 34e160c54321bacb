using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Aither.Service.Auth;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Room;

/// <summary>
/// Guessing viewer tokens on the real Kestrel: failed attempts are limited per client address by the API's
/// failed-authentication limiter (its own "room" counters) and reported to Rollbar without the credentials.
/// </summary>
public sealed class RoomAuthLimitTests : IAsyncLifetime
{
    private const string WrongPassword = "guess-room-5e0c1d27a9";
    private const int Limit = 3;

    // Only the limiter's clock is fake (5 s into a one-minute window); Rollbar's retries keep real time.
    private readonly FakeTimeProvider _limiterTime = new(new DateTimeOffset(2026, 12, 1, 10, 0, 5, TimeSpan.Zero));
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new();
    private readonly List<IDisposable> _disposables = [];
    private RollbarStandIn _rollbar = null!;
    private AitherFactory _factory = null!;

    public RoomAuthLimitTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _rollbar = await RollbarStandIn.StartAsync();
        _factory = RoomHost.Create(_output, _dir, new InMemoryHemeraCatalog()).WithRollbar(_rollbar).UseRealKestrel();
        _factory.Settings["AUTH_FAILURE_LIMIT"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var roomServices = _factory.ConfigureServices;
        _factory.ConfigureServices = services =>
        {
            roomServices?.Invoke(services);
            services.RemoveAll<FailedAuthenticationLimiter>();
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<FailedAuthenticationLimiter>(sp, (TimeProvider)_limiterTime));
        };
        _factory.StartServer();
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        await _factory.DisposeAsync();
        await _rollbar.DisposeAsync();
        _dir.Dispose();
    }

    private HttpClient Client(IPAddress source, string password)
    {
        var client = LoopbackSource.Client(source, _factory.RestAddress!);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Base64($"kiosk:{password}"));
        _disposables.Add(client);
        return client;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task GetRoom_WrongPasswordsOverTheLimit_Returns429WithRetryAfterForThatAddressOnly()
    {
        var guesser = Client(LoopbackSource.Attacker, WrongPassword);
        for (var i = 0; i < Limit; i++)
        {
            using var refused = await guesser.GetAsync("/room");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var limited = await guesser.GetAsync("/room");
        using var rightTokenSameAddress = await Client(LoopbackSource.Attacker, RoomHost.ViewerToken).GetAsync("/room");
        using var kiosk = await Client(LoopbackSource.Operator, RoomHost.ViewerToken).GetAsync("/room");
        _limiterTime.Advance(TimeSpan.FromSeconds(55));
        using var nextWindow = await Client(LoopbackSource.Attacker, RoomHost.ViewerToken).GetAsync("/room");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(55), limited.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightTokenSameAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kiosk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
    }

    [Fact]
    public async Task GetRoom_WrongBasicPassword_ReportedLikeTheApiWithoutTheCredentials()
    {
        using var response = await Client(LoopbackSource.Attacker, WrongPassword).GetAsync("/room");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var item = Assert.Single(await _rollbar.WaitForItemAsync("auth.failed"));
        Assert.Equal("warning", item.Level);
        Assert.Equal("unauthenticated: The Basic password is not a viewer or admin token.", item.Custom.GetProperty("reason").GetString());
        Assert.Equal("GET", item.Custom.GetProperty("method").GetString());
        Assert.Equal("/room", item.Custom.GetProperty("route").GetString());
        Assert.Equal("127.0.0.2", item.Custom.GetProperty("clientAddress").GetString());
        Assert.DoesNotContain(WrongPassword, item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64($"kiosk:{WrongPassword}"), item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, _factory.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoom_WrongScheme_ReportedWithTheReason()
    {
        var client = LoopbackSource.Client(LoopbackSource.Attacker, _factory.RestAddress!);
        _disposables.Add(client);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Digest response=\"{WrongPassword}\"");

        using var response = await client.GetAsync("/room");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var item = Assert.Single(await _rollbar.WaitForItemAsync("auth.failed"));
        Assert.Equal("unauthenticated: The Authorization header is neither Basic nor Bearer.", item.Custom.GetProperty("reason").GetString());
        Assert.DoesNotContain(WrongPassword, item.Text, StringComparison.Ordinal);
    }
}
