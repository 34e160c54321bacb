using Microsoft.Extensions.Logging.Console;

namespace Aither.Service.Observability;

public static class LoggingExtensions
{
    /// <summary>The service's console logging, from the builder's environment.</summary>
    public static IHostApplicationBuilder AddAitherLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddAitherLogging(builder.Environment);
        return builder;
    }

    /// <summary>
    /// One readable line per event in Development (time, level, short category, message, request and job id);
    /// one JSON object per line everywhere else, for log shippers.
    /// </summary>
    public static ILoggingBuilder AddAitherLogging(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var formatter = environment.IsDevelopment() ? AitherTextFormatter.FormatterName : AitherJsonFormatter.FormatterName;
        logging.AddConsole(o => o.FormatterName = formatter);
        logging.AddConsoleFormatter<AitherTextFormatter, ConsoleFormatterOptions>();
        logging.AddConsoleFormatter<AitherJsonFormatter, ConsoleFormatterOptions>();

        // Every Rollbar item would otherwise log two lines per attempt at Information.
        logging.AddFilter("System.Net.Http.HttpClient.RollbarClient", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
        return logging;
    }
}
