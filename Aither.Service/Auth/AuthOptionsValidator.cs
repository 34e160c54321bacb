using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.ClerkEnabled && !IsHttpUrl(options.ClerkIssuer))
        {
            failures.Add($"CLERK_ISSUER must be an absolute http(s) URL, got '{options.ClerkIssuer}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClerkJwksUrl))
        {
            if (!options.ClerkEnabled)
            {
                failures.Add("CLERK_JWKS_URL is set but CLERK_ISSUER is not; set both to accept Clerk tokens.");
            }
            else if (!IsHttpUrl(options.ClerkJwksUrl))
            {
                failures.Add($"CLERK_JWKS_URL must be an absolute http(s) URL, got '{options.ClerkJwksUrl}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
