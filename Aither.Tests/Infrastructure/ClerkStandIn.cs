using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// Clerk as far as Aither sees it: a JWKS endpoint on loopback serving the public half of an RSA key made here,
/// and a token factory signing session tokens with it.
/// </summary>
public sealed class ClerkStandIn : IAsyncDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _signingKey;
    private readonly WebApplication _app;
    private int _jwksRequests;

    private ClerkStandIn(WebApplication app)
    {
        _app = app;
        _signingKey = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
    }

    public Uri Issuer { get; private set; } = null!;

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<ClerkStandIn> StartAsync()
    {
        var app = LoopbackServer.CreateBuilder().Build();
        var standIn = new ClerkStandIn(app);
        app.MapGet("/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref standIn._jwksRequests);
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(standIn._rsa.ExportParameters(false)) { KeyId = standIn._signingKey.KeyId });
            jwk.Use = "sig";
            jwk.Alg = SecurityAlgorithms.RsaSha256;
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = jwk.Use, alg = jwk.Alg, n = jwk.N, e = jwk.E } } });
        });
        await app.StartAsync();
        standIn.Issuer = LoopbackServer.Address(app);
        return standIn;
    }

    /// <summary>A session token; override any claim (null removes it) or sign with another key.</summary>
    public string CreateToken(
        Dictionary<string, object?>? claims = null,
        DateTimeOffset? expires = null,
        DateTimeOffset? notBefore = null,
        SecurityKey? signWith = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = Issuer.ToString().TrimEnd('/'),
            ["sub"] = "user_2pQ8xLm4Rt7Vw1Zy",
            ["azp"] = "https://academy.example.com",
            ["sid"] = "sess_123",
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = (notBefore ?? now.AddMinutes(-1)).ToUnixTimeSeconds(),
            ["exp"] = (expires ?? now.AddMinutes(5)).ToUnixTimeSeconds(),
        };
        foreach (var (key, value) in claims ?? [])
        {
            payload[key] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Claims = payload.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
            SigningCredentials = new SigningCredentials(signWith ?? _signingKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
