using System.Net;
using System.Net.Http.Headers;
using Aither.Service.Auth;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Auth;

/// <summary>
/// Behind a reverse proxy every caller arrives from the proxy's address. With the platform's switch
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> the failed-authentication limit counts per client the proxy names
/// in <c>X-Forwarded-For</c>; without it the header is ignored, so a caller cannot choose the address it is counted
/// under. All requests here come from one loopback address, as through a proxy; the limiter's window is on a fake clock.
/// </summary>
public sealed class ForwardedHeadersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string WrongToken = "guess-4f1c8a2e07";
    private const int Limit = 20;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 5, TimeSpan.Zero));
    private readonly List<IDisposable> _disposables = [];
    private AitherFactory? _factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        if (_factory is not null)
        {
            _factory.Pipeline.Succeed();
            await _factory.DisposeAsync();
        }
    }

    private void Start(bool forwardedHeaders)
    {
        _factory = new AitherFactory().WithOutput(output).UseRealKestrel();
        if (forwardedHeaders)
        {
            // What ASPNETCORE_FORWARDEDHEADERS_ENABLED=true puts into the configuration.
            _factory.Settings["FORWARDEDHEADERS_ENABLED"] = "true";
        }

        _factory.ConfigureServices = services =>
        {
            services.RemoveAll<FailedAuthenticationLimiter>();
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<FailedAuthenticationLimiter>(sp, (TimeProvider)_time));
        };
        _factory.StartServer();
    }

    private HttpClient Client(string forwardedFor, string token)
    {
        var client = new HttpClient { BaseAddress = _factory!.RestAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        _disposables.Add(client);
        return client;
    }

    private async Task UseUpFailuresAsync(string forwardedFor)
    {
        var attacker = Client(forwardedFor, WrongToken);
        for (var i = 0; i < Limit; i++)
        {
            using var refused = await attacker.PostAsync("/api/sync", null);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task ForwardedHeadersEnabled_FailuresCountPerForwardedClient()
    {
        Start(forwardedHeaders: true);
        await UseUpFailuresAsync("203.0.113.7");

        using var limited = await Client("203.0.113.7", AitherFactory.AdminToken).PostAsync("/api/sync", null);
        using var otherClient = await Client("203.0.113.8", AitherFactory.AdminToken).PostAsync("/api/sync", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, otherClient.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeadersNotEnabled_XForwardedForIsIgnored()
    {
        Start(forwardedHeaders: false);
        await UseUpFailuresAsync("203.0.113.7");

        using var spoofed = await Client("203.0.113.8", AitherFactory.AdminToken).PostAsync("/api/sync", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
        Assert.Equal(0, _factory!.Pipeline.Runs);
    }
}
