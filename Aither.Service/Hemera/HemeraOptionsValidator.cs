using Microsoft.Extensions.Options;

namespace Aither.Service.Hemera;

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
