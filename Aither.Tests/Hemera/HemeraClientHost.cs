using Aither.Service.Hemera;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aither.Tests.Hemera;

/// <summary>
/// The service's real Hemera registration (<c>AddAitherHemera</c>) in a plain container, with every log line
/// captured down to Trace. Defaults keep retries fast; tests override any HEMERA_* setting.
/// </summary>
internal sealed class HemeraClientHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private HemeraClientHost(ServiceProvider services, TestLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public IServiceProvider Services => _services;

    public TestLoggerProvider Logs { get; }

    public IHemeraCatalog Catalog => _services.GetRequiredService<IHemeraCatalog>();

    public static HemeraClientHost Create(
        string? baseUrl,
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Testing",
        TimeProvider? time = null,
        ITestOutputHelper? output = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["HEMERA_API_BASE_URL"] = baseUrl,
            ["HEMERA_API_KEY"] = HemeraStandIn.DefaultApiKey,
            ["HEMERA_RETRY_BASE_DELAY_MS"] = "1",
            ["HEMERA_ATTEMPT_TIMEOUT_MS"] = "10000",
            ["HEMERA_TOTAL_TIMEOUT_MS"] = "25000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ApplicationName = "Aither.Service",
        });
        builder.Configuration.AddInMemoryCollection(values);
        var logs = new TestLoggerProvider { Output = output };
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddAitherHemera();
        return new HemeraClientHost(builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), logs);
    }

    public async Task StartHostedServicesAsync()
    {
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
