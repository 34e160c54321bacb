using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Aither.Service.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Aither.Service.Room;

/// <summary>
/// The room page's credentials: a viewer token (<c>ROOM_VIEWER_TOKENS</c>) as the password of HTTP Basic
/// authentication (any user name, so an ordinary browser or kiosk can log in) or as a Bearer token. An admin token
/// works as Basic password too; any other Bearer token goes to the API's scheme, so admin tokens and Clerk
/// admins may view. The challenge is <c>Basic realm="Aither"</c>.
/// </summary>
internal sealed class RoomViewerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    RoomViewerCredentials viewers,
    AdminCredentials admins)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!AuthenticationHeaderValue.TryParse(header, out var value))
        {
            return AuthenticateResult.Fail("The Authorization header is malformed.");
        }

        if (string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (BasicPassword(value.Parameter) is not { } password)
            {
                return AuthenticateResult.Fail("The Basic credentials are malformed.");
            }

            return viewers.Tokens.Contains(password) ? Success(RoomAuth.ViewerRole)
                : admins.AdminTokens.Contains(password) ? Success(AuthPolicies.AdminRole)
                : AuthenticateResult.Fail("The Basic password is not a viewer or admin token.");
        }

        if (string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            if (BearerToken.From(Request) is { } token && viewers.Tokens.Contains(token))
            {
                return Success(RoomAuth.ViewerRole);
            }

            var api = await Context.AuthenticateAsync(AuthPolicies.Scheme).ConfigureAwait(false);
            return api.Succeeded ? AuthenticateResult.Success(new AuthenticationTicket(api.Principal, Scheme.Name))
                : api.None ? AuthenticateResult.Fail("The bearer token is not a viewer token.")
                : AuthenticateResult.Fail(api.Failure ?? new AuthenticationFailureException("The bearer token was not accepted."));
        }

        return AuthenticateResult.Fail("The Authorization header is neither Basic nor Bearer.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = RoomAuth.Challenge;
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(string role)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"{role}-token"), new Claim(ClaimTypes.Role, role)],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>The password of <c>base64(user ":" password)</c>; browsers send UTF-8.</summary>
    private static string? BasicPassword(string? parameter)
    {
        if (string.IsNullOrWhiteSpace(parameter))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(parameter.Trim());
        }
        catch (FormatException)
        {
            return null;
        }

        string credentials;
        try
        {
            credentials = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || colon == credentials.Length - 1 ? null : credentials[(colon + 1)..];
    }
}
