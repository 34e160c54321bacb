using Microsoft.Extensions.Options;

namespace Aither.Service.Hemera;

/// <summary>Says at start-up where courses come from: Hemera (its origin) or the built-in sample catalogue.</summary>
internal sealed partial class HemeraStartupReporter(IServiceProvider services, ILogger<HemeraStartupReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<SampleHemeraCatalog>() is not null)
        {
            SampleHemeraCatalog.ReportStartup(logger);
        }
        else
        {
            var options = services.GetRequiredService<IOptions<HemeraOptions>>().Value;
            Log.UsingHemera(logger, options.BaseUri.GetLeftPart(UriPartial.Authority), options.AttemptTimeoutMs, options.TotalTimeoutMs, options.MaxRetries);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 221, EventName = "HemeraStartupReporter.UsingHemera", Level = LogLevel.Information,
            Message = "Hemera: {Origin} (attempt timeout {AttemptTimeoutMs} ms, total {TotalTimeoutMs} ms, {MaxRetries} retries)")]
        public static partial void UsingHemera(ILogger logger, string origin, int attemptTimeoutMs, int totalTimeoutMs, int maxRetries);
    }
}
