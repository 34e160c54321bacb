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
