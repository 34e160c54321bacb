using Microsoft.Extensions.Logging.Console;

namespace Microsoft.Extensions.Logging;

public static class AitherLoggingExtensions
{
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
