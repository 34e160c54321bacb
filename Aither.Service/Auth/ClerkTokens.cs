using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Aither.Service.Auth;

/// <summary>
/// Clerk session tokens: RS256 against the issuer's JWKS, <c>iss</c>, <c>exp</c>/<c>nbf</c>, optionally <c>azp</c>.
/// Clerk publishes a bare JWKS rather than an OpenID discovery document, hence the JWKS retriever.
/// </summary>
internal static class ClerkTokens
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(10);

    public static void Configure(JwtBearerOptions jwt, AuthOptions auth, HttpClient jwksClient)
    {
        jwt.MapInboundClaims = false;
        if (!auth.ClerkEnabled)
        {
            return;
        }

        var jwksUri = auth.ClerkJwksUri;
        jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            jwksUri.AbsoluteUri,
            new JwksRetriever(),
            new HttpDocumentRetriever(jwksClient) { RequireHttps = jwksUri.Scheme == Uri.UriSchemeHttps });
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = auth.ClerkIssuer!.TrimEnd('/'),
            ValidateIssuer = true,
            ValidateAudience = false, // Clerk session tokens carry no aud; azp plays that part.
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            NameClaimType = "sub",
            RoleClaimType = ClaimTypes.Role,
        };
        var authorizedParties = auth.AuthorizedPartyList;
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.SecurityToken is not JsonWebToken token)
                {
                    context.Fail("Unexpected token type.");
                    return Task.CompletedTask;
                }

                if (authorizedParties.Count > 0
                    && !(token.TryGetPayloadValue<string>("azp", out var azp) && authorizedParties.Contains(azp, StringComparer.Ordinal)))
                {
                    context.Fail("The token's azp is not an authorized party.");
                    return Task.CompletedTask;
                }

                if (HasAdminRole(token) && context.Principal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaim(new Claim(ClaimTypes.Role, AuthPolicies.AdminRole));
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Admin when <c>metadata.role</c>, <c>public_metadata.role</c> or <c>role</c> is <c>admin</c>.</summary>
    internal static bool HasAdminRole(JsonWebToken token)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        var root = payload.RootElement;
        return IsAdmin(root)
            || (root.TryGetProperty("metadata", out var metadata) && IsAdmin(metadata))
            || (root.TryGetProperty("public_metadata", out var publicMetadata) && IsAdmin(publicMetadata));

        static bool IsAdmin(JsonElement element) =>
            element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("role", out var role)
            && role.ValueKind == JsonValueKind.String
            && role.ValueEquals(AuthPolicies.AdminRole);
    }

    private sealed class JwksRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var document = await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
            var keySet = new JsonWebKeySet(document);
            var configuration = new OpenIdConnectConfiguration { JwksUri = address, JsonWebKeySet = keySet };
            foreach (var key in keySet.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            return configuration;
        }
    }
}
