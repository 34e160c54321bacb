using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

/// <summary>How many failed authentications one client address may have per window. Bound from the environment variables named on each property.</summary>
public sealed class FailedAuthenticationLimitOptions
{
    /// <summary>Failed authentications per address and window; after that every call from the address gets 429 until the window ends.</summary>
    [ConfigurationKeyName("AUTH_FAILURE_LIMIT")]
    public int PermitLimit { get; set; } = 20;

    /// <summary>Length of the fixed window in seconds.</summary>
    [ConfigurationKeyName("AUTH_FAILURE_WINDOW_SECONDS")]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}

internal sealed class FailedAuthenticationLimitOptionsValidator : IValidateOptions<FailedAuthenticationLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, FailedAuthenticationLimitOptions options)
    {
        var failures = new List<string>();
        if (options.PermitLimit is < 1 or > 100_000)
        {
            failures.Add($"AUTH_FAILURE_LIMIT must be between 1 and 100000, got '{options.PermitLimit}'.");
        }

        if (options.WindowSeconds is < 1 or > 86_400)
        {
            failures.Add($"AUTH_FAILURE_WINDOW_SECONDS must be between 1 and 86400 seconds, got '{options.WindowSeconds}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
