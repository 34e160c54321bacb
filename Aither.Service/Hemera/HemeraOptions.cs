using Microsoft.Extensions.Options;

namespace Aither.Service.Hemera;

/// <summary>How Aither talks to the Hemera service API. Bound from the environment variables named on each property.</summary>
public sealed class HemeraOptions
{
    public const int DefaultMaxResponseBytes = 64 * 1024 * 1024;

    /// <summary>Hemera's origin (scheme, host, port), e.g. <c>https://academy.example.com</c>; no path.</summary>
    [ConfigurationKeyName("HEMERA_API_BASE_URL")]
    public string? BaseUrl { get; set; }

    /// <summary>Sent as <c>X-API-Key</c>. A secret: never logged, never part of an error.</summary>
    [ConfigurationKeyName("HEMERA_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>One attempt (request and body) taking longer is cancelled and retried.</summary>
    [ConfigurationKeyName("HEMERA_ATTEMPT_TIMEOUT_MS")]
    public int AttemptTimeoutMs { get; set; } = 30_000;

    /// <summary>The budget for one logical request, all attempts and waits included.</summary>
    [ConfigurationKeyName("HEMERA_TOTAL_TIMEOUT_MS")]
    public int TotalTimeoutMs { get; set; } = 180_000;

    /// <summary>Retries after the first attempt on network errors, timeouts, 5xx and 429; 0 turns retrying off.</summary>
    [ConfigurationKeyName("HEMERA_MAX_RETRIES")]
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay; it doubles per retry, with jitter.</summary>
    [ConfigurationKeyName("HEMERA_RETRY_BASE_DELAY_MS")]
    public int RetryBaseDelayMs { get; set; } = 2_000;

    /// <summary>The longest wait a <c>Retry-After</c> header can ask for; longer requests are cut to this.</summary>
    [ConfigurationKeyName("HEMERA_RETRY_AFTER_CAP_MS")]
    public int RetryAfterCapMs { get; set; } = 60_000;

    /// <summary>
    /// Larger response bodies are refused while they are read, so a runaway or hostile answer cannot exhaust memory;
    /// 64 MiB holds a 5,000-participant course (about 35 MB) with room to spare.
    /// </summary>
    [ConfigurationKeyName("HEMERA_MAX_RESPONSE_BYTES")]
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>The validated origin with a trailing slash, ready to be an <see cref="HttpClient.BaseAddress"/>.</summary>
    public Uri BaseUri => new(BaseUrl!.TrimEnd('/') + "/", UriKind.Absolute);

    public TimeSpan AttemptTimeout => TimeSpan.FromMilliseconds(AttemptTimeoutMs);

    public TimeSpan TotalTimeout => TimeSpan.FromMilliseconds(TotalTimeoutMs);

    public TimeSpan RetryBaseDelay => TimeSpan.FromMilliseconds(RetryBaseDelayMs);

    public TimeSpan RetryAfterCap => TimeSpan.FromMilliseconds(RetryAfterCapMs);
}
