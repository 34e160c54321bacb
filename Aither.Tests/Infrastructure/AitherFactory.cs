using Aither.Service.Sync;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// The real service in memory (TestServer), or on Kestrel at 127.0.0.1 when <see cref="UseRealKestrel"/> is
/// called (h2c gRPC, curl). Configuration is overridden through <see cref="Settings"/>; by default the pipeline
/// is a <see cref="ControllablePipeline"/> the test drives.
/// </summary>
public sealed class AitherFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-admin-token";

    private readonly TempDirectory _state = new();

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["AITHER_ADMIN_TOKEN"] = AdminToken,
        // Outside Development Hemera must be configured; nothing listens here, tests that call Hemera override these.
        ["HEMERA_API_BASE_URL"] = "http://127.0.0.1:9",
        ["HEMERA_API_KEY"] = "test-hemera-key",
    };

    /// <summary>Each factory keeps its jobs in a SQLite file of its own unless a test points elsewhere.</summary>
    public string StateDatabasePath => _state.Combine("aither.db");

    /// <summary>A folder of this factory's own (its state file is kept there), deleted with the factory.</summary>
    public string OwnDirectory => _state.Path;

    public ControllablePipeline Pipeline { get; } = new();

    /// <summary>When false, the service keeps its own pipeline registration.</summary>
    public bool UseControllablePipeline { get; set; } = true;

    public TestLoggerProvider Logs { get; } = new();

    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public Uri? RestAddress { get; private set; }

    public Uri? GrpcAddress { get; private set; }

    public SyncCoordinator Coordinator => Services.GetRequiredService<SyncCoordinator>();

    public AitherFactory WithOutput(ITestOutputHelper output)
    {
        Logs.Output = output;
        return this;
    }

    /// <summary>Serve on Kestrel: REST (HTTP/1.1 + HTTP/2) and gRPC (h2c) on two free loopback ports.</summary>
    public AitherFactory UseRealKestrel()
    {
        RestAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}");
        GrpcAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Next()}");
        Settings["Kestrel:Endpoints:Rest:Url"] = RestAddress.ToString();
        Settings["Kestrel:Endpoints:Grpc:Url"] = GrpcAddress.ToString();
        UseKestrel();
        return this;
    }

    /// <summary>A client whose every answer from the REST face is checked against the served OpenAPI document.</summary>
    public new HttpClient CreateClient() =>
        RestAddress is null
            ? CreateDefaultClient(new OpenApiValidatingHandler())
            : new HttpClient(new OpenApiValidatingHandler(new SocketsHttpHandler())) { BaseAddress = RestAddress };

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        Settings.TryAdd("SYNC_STATE_CONNECTION", StateDatabasePath);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
            logging.SetMinimumLevel(LogLevel.Debug);
        });
        builder.ConfigureTestServices(services =>
        {
            if (UseControllablePipeline)
            {
                services.RemoveAll<ISyncPipeline>();
                services.AddSingleton<ISyncPipeline>(Pipeline);
            }

            ConfigureServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _state.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _state.Dispose();
    }

}
