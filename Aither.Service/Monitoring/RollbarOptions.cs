using System.Globalization;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

/// <summary>Where and how Rollbar items are sent. Bound from the environment variables named on each property.</summary>
public sealed class RollbarOptions
{
    public const string DefaultEndpoint = "https://api.rollbar.com/api/1/item/";

    /// <summary><c>0</c>/<c>false</c> switches Rollbar off entirely; without a token it is off as well.</summary>
    [ConfigurationKeyName("ROLLBAR_ENABLED")]
    public string? Enabled { get; set; }

    /// <summary>A Rollbar project access token with the <c>post_server_item</c> scope.</summary>
    [ConfigurationKeyName("ROLLBAR_ACCESS_TOKEN")]
    public string? AccessToken { get; set; }

    /// <summary>Alias of <see cref="AccessToken"/>, the name other Rollbar SDKs use.</summary>
    [ConfigurationKeyName("ROLLBAR_SERVER_TOKEN")]
    public string? ServerToken { get; set; }

    [ConfigurationKeyName("ROLLBAR_ENDPOINT")]
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Default: the ASP.NET environment name.</summary>
    [ConfigurationKeyName("ROLLBAR_ENVIRONMENT")]
    public string? Environment { get; set; }

    /// <summary>Default: the service assembly's informational version.</summary>
    [ConfigurationKeyName("ROLLBAR_CODE_VERSION")]
    public string? CodeVersion { get; set; }

    /// <summary>When true, user ids may appear in items; names, texts and e-mail addresses never do.</summary>
    [ConfigurationKeyName("ROLLBAR_ALLOW_PII")]
    public string? AllowPii { get; set; }

    /// <summary>Items waiting to be sent; when full, the oldest is dropped.</summary>
    [ConfigurationKeyName("ROLLBAR_QUEUE_CAPACITY")]
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>How long shutdown waits for the queue to drain.</summary>
    [ConfigurationKeyName("ROLLBAR_FLUSH_TIMEOUT_MS")]
    public int FlushTimeoutMs { get; set; } = 5_000;

    /// <summary>First retry delay after a 5xx or a network error; doubled per attempt.</summary>
    [ConfigurationKeyName("ROLLBAR_RETRY_DELAY_MS")]
    public int RetryDelayMs { get; set; } = 1_000;

    [ConfigurationKeyName("ROLLBAR_MAX_RETRIES")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Per-attempt HTTP timeout.</summary>
    [ConfigurationKeyName("ROLLBAR_TIMEOUT_MS")]
    public int TimeoutMs { get; set; } = 10_000;

    [ConfigurationKeyName("ROLLBAR_SAMPLE_RATE_DEBUG")]
    public double SampleRateDebug { get; set; } = 1;

    [ConfigurationKeyName("ROLLBAR_SAMPLE_RATE_INFO")]
    public double SampleRateInfo { get; set; } = 1;

    [ConfigurationKeyName("ROLLBAR_SAMPLE_RATE_WARNING")]
    public double SampleRateWarning { get; set; } = 1;

    [ConfigurationKeyName("ROLLBAR_SAMPLE_RATE_ERROR")]
    public double SampleRateError { get; set; } = 1;

    [ConfigurationKeyName("ROLLBAR_SAMPLE_RATE_CRITICAL")]
    public double SampleRateCritical { get; set; } = 1;

    public string? Token => string.IsNullOrWhiteSpace(AccessToken)
        ? (string.IsNullOrWhiteSpace(ServerToken) ? null : ServerToken.Trim())
        : AccessToken.Trim();

    public bool IsActive => Flag(Enabled) != false && Token is not null;

    public bool PiiAllowed => Flag(AllowPii) == true;

    public double SampleRate(RollbarLevel level) => level switch
    {
        RollbarLevel.Debug => SampleRateDebug,
        RollbarLevel.Info => SampleRateInfo,
        RollbarLevel.Warning => SampleRateWarning,
        RollbarLevel.Error => SampleRateError,
        _ => SampleRateCritical,
    };

    /// <summary>true/false for the usual spellings, null when unset or unrecognised.</summary>
    internal static bool? Flag(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => null,
    };
}

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

/// <summary>Values that must never leave the process, wherever they turn up in an item.</summary>
public sealed class MonitoringSecrets
{
    [ConfigurationKeyName("ROLLBAR_ACCESS_TOKEN")]
    public string? RollbarAccessToken { get; set; }

    [ConfigurationKeyName("ROLLBAR_SERVER_TOKEN")]
    public string? RollbarServerToken { get; set; }

    [ConfigurationKeyName("SMTP_PASS")]
    public string? SmtpPassword { get; set; }

    /// <summary>Comma-separated, like the auth configuration.</summary>
    [ConfigurationKeyName("AITHER_ADMIN_TOKEN")]
    public string? AdminTokens { get; set; }

    [ConfigurationKeyName("HEMERA_API_KEY")]
    public string? HemeraApiKey { get; set; }

    [ConfigurationKeyName("CRON_SECRET")]
    public string? CronSecret { get; set; }

    public IEnumerable<string> Values =>
        new[] { RollbarAccessToken, RollbarServerToken, SmtpPassword, HemeraApiKey, CronSecret }
            .Concat((AdminTokens ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => v?.Trim())
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!);
}

public enum RollbarLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}
