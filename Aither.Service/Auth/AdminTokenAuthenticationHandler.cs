using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;token&gt;</c> when the token is one of <c>AITHER_ADMIN_TOKEN</c> (role admin)
/// or equals <c>CRON_SECRET</c> (role cron, which only the cron trigger accepts).
/// </summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> authOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    // Hashing first gives equal-length inputs, so the comparison time says nothing about the token.
    private readonly byte[][] _adminTokenHashes = authOptions.Value.AdminTokenList.Select(Hash).ToArray();
    private readonly byte[][] _cronSecretHashes = string.IsNullOrEmpty(authOptions.Value.CronSecret)
        ? []
        : [Hash(authOptions.Value.CronSecret)];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Hash(token);
        var role = MatchesAny(presented, _adminTokenHashes) ? AuthPolicies.AdminRole
            : MatchesAny(presented, _cronSecretHashes) ? AuthPolicies.CronRole
            : null;
        if (role is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not a valid admin token or cron secret."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"{role}-token"), new Claim(ClaimTypes.Role, role)],
            Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static bool MatchesAny(byte[] presented, byte[][] hashes)
    {
        var matches = false;
        foreach (var hash in hashes)
        {
            matches |= CryptographicOperations.FixedTimeEquals(presented, hash);
        }

        return matches;
    }
}
