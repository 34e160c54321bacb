using Microsoft.Extensions.Logging.Console;

namespace Aither.Service.Monitoring;

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
    /// One JSON object per line outside Development (for log shippers), readable single lines in Development;
    /// both with scopes, so every request's lines carry its RequestId.
    /// </summary>
    public static ILoggingBuilder AddAitherLogging(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        // Every Rollbar item would otherwise log two lines per attempt at Information.
        logging.AddFilter("System.Net.Http.HttpClient.RollbarClient", LogLevel.Warning);
        logging.AddFilter("Polly", LogLevel.Warning);
        return logging;
    }
}
