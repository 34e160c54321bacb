using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

internal static class BearerToken
{
    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null when there is none.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[prefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Compact JWS: three base64url segments.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
