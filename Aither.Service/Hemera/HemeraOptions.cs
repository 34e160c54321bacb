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

/// <summary>Checks <see cref="HemeraOptions"/> when the Hemera client (not the sample catalogue) is in use.</summary>
internal sealed class HemeraOptionsValidator : IValidateOptions<HemeraOptions>
{
    public ValidateOptionsResult Validate(string? name, HemeraOptions options)
    {
        var failures = new List<string>();
        ValidateBaseUrl(options.BaseUrl, failures);
        ValidateApiKey(options.ApiKey, failures);

        if (options.AttemptTimeoutMs is < 10 or > 3_600_000)
        {
            failures.Add($"HEMERA_ATTEMPT_TIMEOUT_MS must be between 10 and 3600000 milliseconds, got '{options.AttemptTimeoutMs}'.");
        }

        if (options.TotalTimeoutMs is < 10 or > 86_400_000)
        {
            failures.Add($"HEMERA_TOTAL_TIMEOUT_MS must be between 10 and 86400000 milliseconds, got '{options.TotalTimeoutMs}'.");
        }
        else if (options.TotalTimeoutMs <= options.AttemptTimeoutMs)
        {
            failures.Add($"HEMERA_TOTAL_TIMEOUT_MS ('{options.TotalTimeoutMs}') must be greater than HEMERA_ATTEMPT_TIMEOUT_MS ('{options.AttemptTimeoutMs}').");
        }

        if (options.MaxRetries is < 0 or > 20)
        {
            failures.Add($"HEMERA_MAX_RETRIES must be between 0 and 20, got '{options.MaxRetries}'.");
        }

        if (options.RetryBaseDelayMs is < 0 or > 600_000)
        {
            failures.Add($"HEMERA_RETRY_BASE_DELAY_MS must be between 0 and 600000 milliseconds, got '{options.RetryBaseDelayMs}'.");
        }

        if (options.RetryAfterCapMs is < 0 or > 3_600_000)
        {
            failures.Add($"HEMERA_RETRY_AFTER_CAP_MS must be between 0 and 3600000 milliseconds, got '{options.RetryAfterCapMs}'.");
        }

        // Kept below 2 GiB: a body is read into one array.
        if (options.MaxResponseBytes is < 1024 or > int.MaxValue - 64)
        {
            failures.Add($"HEMERA_MAX_RESPONSE_BYTES must be between 1024 and {int.MaxValue - 64} bytes, got '{options.MaxResponseBytes}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateBaseUrl(string? value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add("HEMERA_API_BASE_URL is not set. Set it to Hemera's origin, e.g. https://academy.example.com "
                + "(only the Development environment falls back to the built-in sample catalogue).");
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"HEMERA_API_BASE_URL must be an absolute http(s) URL, got '{value}'.");
        }
        else if (uri.UserInfo.Length > 0)
        {
            // Not echoed: the user info may hold a password.
            failures.Add("HEMERA_API_BASE_URL must not contain credentials; the API key goes into HEMERA_API_KEY.");
        }
        else if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            failures.Add($"HEMERA_API_BASE_URL must be an origin only (scheme, host and port, no path or query), got '{value}'.");
        }
    }

    private static void ValidateApiKey(string? value, List<string> failures)
    {
        if (string.IsNullOrEmpty(value))
        {
            failures.Add("HEMERA_API_KEY is not set.");
            return;
        }

        // The key goes into a header; anything but visible ASCII would fail later with a message that echoes it.
        if (value.Any(c => c is < '!' or > '~'))
        {
            failures.Add("HEMERA_API_KEY must consist of visible ASCII characters only (no spaces or line breaks).");
        }
    }
}
