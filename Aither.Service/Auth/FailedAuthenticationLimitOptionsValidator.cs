using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

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
