using System.Net;
using Aither.Service.Hemera;
using Aither.Tests.Infrastructure;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Health;

public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly TestHemeraCatalog _catalog = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aither-health-" + Guid.NewGuid().ToString("N"));
    private readonly AitherFactory _factory;
    private FakeTimeProvider? _time;

    public HealthEndpointTests(ITestOutputHelper output)
    {
        Directory.CreateDirectory(_root);
        _factory = new AitherFactory().WithOutput(output);
        _factory.Settings["HTML_OUTPUT_DIR"] = Path.Combine(_root, "out");
        _factory.ConfigureServices = services =>
        {
            services.ReplaceHemeraCatalog(_catalog);
            if (_time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_time);
            }
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Healthz_HemeraDown_Returns200WithStatusOnly()
    {
        _catalog.Reachable = false;
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _catalog.ReachabilityChecks);
    }

    [Fact]
    public async Task Readyz_OutputWritableAndHemeraReachable_Returns200AndCreatesTheDirectory()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy","schedule":{"enabled":false,"nextOccurrence":null}}""", await response.Content.ReadAsStringAsync());
        Assert.True(Directory.Exists(Path.Combine(_root, "out")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task Readyz_BuiltInScheduleOn_ShowsTheNextOccurrence()
    {
        _time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:07:00Z"));
        _factory.Settings["SYNC_SCHEDULE"] = "*/30 * * * *";
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"status":"Healthy","schedule":{"enabled":true,"nextOccurrence":"2026-11-30T10:30:00.000Z"}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_OutputDirectoryCannotBeCreated_Returns503WithoutDetails()
    {
        // A directory below a regular file cannot be created, not even by root (chmod would not stop root).
        var file = Path.Combine(_root, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");
        _factory.Settings["HTML_OUTPUT_DIR"] = Path.Combine(file, "out");
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"Unhealthy","schedule":{"enabled":false,"nextOccurrence":null}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_HemeraDown_Returns503()
    {
        _catalog.Reachable = false;
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"Unhealthy","schedule":{"enabled":false,"nextOccurrence":null}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_HemeraDoesNotAnswer_Returns503AfterTwoSeconds()
    {
        _time = new FakeTimeProvider();
        _catalog.Hang = true;
        using var client = _factory.CreateClient();

        var pending = client.GetAsync("/readyz");
        await _catalog.ReachabilityCalled.Guarded();
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await pending.Guarded();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_WithinFiveSeconds_AnswersFromTheCache()
    {
        _time = new FakeTimeProvider();
        using var client = _factory.CreateClient();
        using (var first = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        _catalog.Reachable = false;
        _time.Advance(TimeSpan.FromSeconds(4.9));
        using (var cached = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        _time.Advance(TimeSpan.FromSeconds(0.1));
        using var fresh = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, fresh.StatusCode);
        Assert.Equal(2, _catalog.ReachabilityChecks);
    }

    [Theory]
    [InlineData(true, HealthCheckResponse.Types.ServingStatus.Serving)]
    [InlineData(false, HealthCheckResponse.Types.ServingStatus.NotServing)]
    public async Task GrpcHealth_BothServiceNames_FollowReadiness(bool hemeraReachable, HealthCheckResponse.Types.ServingStatus expected)
    {
        _catalog.Reachable = hemeraReachable;
        _factory.UseRealKestrel();
        _ = _factory.Services;
        using var channel = GrpcChannel.ForAddress(_factory.GrpcAddress!);
        var health = new Grpc.Health.V1.Health.HealthClient(channel);

        var overall = await health.CheckAsync(new HealthCheckRequest { Service = "" });
        var sync = await health.CheckAsync(new HealthCheckRequest { Service = "aither.sync.v1.SyncService" });

        Assert.Equal(expected, overall.Status);
        Assert.Equal(expected, sync.Status);
    }
}
