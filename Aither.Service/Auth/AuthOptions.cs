using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

/// <summary>Who may call the API. Bound from the environment variables named on each property.</summary>
public sealed class AuthOptions
{
    /// <summary>Static admin bearer tokens, comma-separated so a new one can be rolled out before the old one is removed.</summary>
    [ConfigurationKeyName("AITHER_ADMIN_TOKEN")]
    public string? AdminTokens { get; set; }

    /// <summary>Clerk's issuer (https://&lt;your-app&gt;.clerk.accounts.dev); enables Clerk session tokens.</summary>
    [ConfigurationKeyName("CLERK_ISSUER")]
    public string? ClerkIssuer { get; set; }

    /// <summary>Where Clerk's signing keys are; default <c>&lt;issuer&gt;/.well-known/jwks.json</c>.</summary>
    [ConfigurationKeyName("CLERK_JWKS_URL")]
    public string? ClerkJwksUrl { get; set; }

    /// <summary>Comma-separated origins accepted in the token's <c>azp</c> claim; unset accepts any.</summary>
    [ConfigurationKeyName("CLERK_AUTHORIZED_PARTIES")]
    public string? ClerkAuthorizedParties { get; set; }

    /// <summary>The bearer token schedulers send to <c>GET /api/cron/sync</c>; grants that endpoint only.</summary>
    [ConfigurationKeyName("CRON_SECRET")]
    public string? CronSecret { get; set; }

    public IReadOnlyList<string> AdminTokenList => SplitList(AdminTokens);

    public IReadOnlyList<string> AuthorizedPartyList => SplitList(ClerkAuthorizedParties);

    public bool ClerkEnabled => !string.IsNullOrWhiteSpace(ClerkIssuer);

    public Uri ClerkJwksUri => new(string.IsNullOrWhiteSpace(ClerkJwksUrl)
        ? ClerkIssuer!.TrimEnd('/') + "/.well-known/jwks.json"
        : ClerkJwksUrl);

    private static string[] SplitList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
