using System.Globalization;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

internal sealed class RollbarOptionsValidator : IValidateOptions<RollbarOptions>
{
    public ValidateOptionsResult Validate(string? name, RollbarOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled is { Length: > 0 } enabled && RollbarOptions.Flag(enabled) is null)
        {
            failures.Add($"ROLLBAR_ENABLED must be 1/0 or true/false, got '{enabled}'.");
        }

        if (options.AllowPii is { Length: > 0 } pii && RollbarOptions.Flag(pii) is null)
        {
            failures.Add($"ROLLBAR_ALLOW_PII must be 1/0 or true/false, got '{pii}'.");
        }

        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"ROLLBAR_ENDPOINT must be an absolute http(s) URL, got '{options.Endpoint}'.");
        }

        Range(failures, "ROLLBAR_QUEUE_CAPACITY", options.QueueCapacity, 1, 100_000);
        Range(failures, "ROLLBAR_FLUSH_TIMEOUT_MS", options.FlushTimeoutMs, 0, 60_000);
        Range(failures, "ROLLBAR_RETRY_DELAY_MS", options.RetryDelayMs, 1, 60_000);
        Range(failures, "ROLLBAR_MAX_RETRIES", options.MaxRetries, 0, 10);
        Range(failures, "ROLLBAR_TIMEOUT_MS", options.TimeoutMs, 100, 120_000);
        foreach (var level in Enum.GetValues<RollbarLevel>())
        {
            var rate = options.SampleRate(level);
            if (!(rate is >= 0 and <= 1))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"ROLLBAR_SAMPLE_RATE_{level.ToString().ToUpperInvariant()} must be between 0 and 1, got '{rate}'."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string variable, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{variable} must be between {min} and {max}, got '{value}'."));
        }
    }
}
