using System.Security.Claims;
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
    AdminCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var role = credentials.AdminTokens.Contains(token) ? AuthPolicies.AdminRole
            : credentials.CronSecrets.Contains(token) ? AuthPolicies.CronRole
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
}
