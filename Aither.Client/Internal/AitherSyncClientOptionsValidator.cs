using Microsoft.Extensions.Options;

namespace Aither.Client.Internal;

/// <summary>Names the missing or bad setting; never echoes a token.</summary>
internal sealed class AitherSyncClientOptionsValidator : IValidateOptions<AitherSyncClientOptions>
{
    private const string Prefix = AitherSyncClientOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, AitherSyncClientOptions options)
    {
        var failures = new List<string>();
        if (options.Address is null)
        {
            failures.Add($"{Prefix}{nameof(options.Address)} is not set: give the address of the Aither gRPC endpoint, e.g. http://localhost:5081.");
        }
        else if (!options.Address.IsAbsoluteUri || (options.Address.Scheme != Uri.UriSchemeHttp && options.Address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Prefix}{nameof(options.Address)} '{options.Address.OriginalString}' is not an absolute http or https address.");
        }

        if (options.TokenProvider is null && string.IsNullOrWhiteSpace(options.AdminToken))
        {
            failures.Add($"{Prefix}{nameof(options.AdminToken)} is not set and no {nameof(options.TokenProvider)} is configured: every call needs an admin bearer token.");
        }

        if (options.CallTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(options.CallTimeout)} must be positive, but is '{options.CallTimeout}'.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(options.PollInterval)} must be positive, but is '{options.PollInterval}'.");
        }

        if (options.MaxAttempts is < 1 or > 5)
        {
            failures.Add($"{Prefix}{nameof(options.MaxAttempts)} must be between 1 and 5, but is '{options.MaxAttempts}'.");
        }

        if (options.InitialBackoff <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(options.InitialBackoff)} must be positive, but is '{options.InitialBackoff}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
