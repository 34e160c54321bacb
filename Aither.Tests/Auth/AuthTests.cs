using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.Auth;

/// <summary>The auth matrix over REST: static admin tokens with rotation, and Clerk session tokens against a loopback JWKS.</summary>
public sealed class AuthTests : IAsyncLifetime, IClassFixture<ClerkFixture>
{
    private const string FirstToken = "rotated-token-old";
    private const string SecondToken = "rotated-token-new";
    private const string AuthorizedParty = "https://academy.example.com";

    private readonly ITestOutputHelper _output;
    private readonly ClerkStandIn _clerk;
    private AitherFactory _factory = null!;

    public AuthTests(ClerkFixture clerk, ITestOutputHelper output)
    {
        _clerk = clerk.Clerk;
        _output = output;
    }

    public Task InitializeAsync()
    {
        _factory = new AitherFactory().WithOutput(_output);
        _factory.Settings["AITHER_ADMIN_TOKEN"] = $"{FirstToken}, {SecondToken}";
        _factory.Settings["CLERK_ISSUER"] = _clerk.Issuer.ToString().TrimEnd('/');
        _factory.Settings["CLERK_AUTHORIZED_PARTIES"] = $"{AuthorizedParty},https://admin.example.com";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }

    [Fact]
    public void DataProtectionKeyRing_IsNotLoadedAtStartUp()
    {
        // Bearer tokens only: nothing protects data, so the hosted service that reads (or creates) a key file is not registered.
        var hostedServices = _factory.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName).ToArray();

        Assert.NotEmpty(hostedServices);
        Assert.DoesNotContain("Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService", hostedServices);
    }

    private async Task<HttpResponseMessage> PostSyncAsync(string? authorization)
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task PostSync_NoCredentials_Returns401()
    {
        using var response = await PostSyncAsync(null);

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic cm90YXRlZC10b2tlbi1vbGQ=")]
    [InlineData("rotated-token-old")]
    [InlineData("Bearer rotated-token-old-and-more")]
    public async Task PostSync_WrongOrMalformedCredentials_Returns401(string authorization)
    {
        using var response = await PostSyncAsync(authorization);

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Theory]
    [InlineData(FirstToken)]
    [InlineData(SecondToken)]
    public async Task PostSync_EitherRotatedAdminToken_Returns202(string token)
    {
        using var response = await PostSyncAsync($"Bearer {token}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static TheoryData<string> AdminRoleClaims => new() { "metadata", "public_metadata", "role" };

    [Theory]
    [MemberData(nameof(AdminRoleClaims))]
    public async Task PostSync_ClerkTokenWithAdminRole_Returns202(string where)
    {
        var claims = where == "role"
            ? new Dictionary<string, object?> { ["role"] = "admin" }
            : new Dictionary<string, object?> { [where] = new Dictionary<string, object> { ["role"] = "admin" } };

        var keyFetchesBefore = _clerk.JwksRequests;

        using var response = await PostSyncAsync($"Bearer {_clerk.CreateToken(claims)}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The stand-in serves every test of the class; this test's service fetched the key itself.
        Assert.True(_clerk.JwksRequests > keyFetchesBefore);
    }

    [Fact]
    public async Task PostSync_ClerkTokenWithoutAdminRole_Returns403()
    {
        var claims = new Dictionary<string, object?> { ["metadata"] = new Dictionary<string, object> { ["role"] = "trainer" } };

        using var response = await PostSyncAsync($"Bearer {_clerk.CreateToken(claims)}");

        await ErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal(0, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task GetStatus_ClerkTokenWithoutAnyRole_Returns403()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _clerk.CreateToken());

        using var response = await client.GetAsync("/api/sync");

        await ErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task PostSync_ExpiredClerkToken_Returns401()
    {
        var token = _clerk.CreateToken(Admin(), expires: DateTimeOffset.UtcNow.AddMinutes(-5), notBefore: DateTimeOffset.UtcNow.AddMinutes(-10));

        using var response = await PostSyncAsync($"Bearer {token}");

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task PostSync_ClerkTokenNotYetValid_Returns401()
    {
        var token = _clerk.CreateToken(Admin(), notBefore: DateTimeOffset.UtcNow.AddMinutes(5), expires: DateTimeOffset.UtcNow.AddMinutes(10));

        using var response = await PostSyncAsync($"Bearer {token}");

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task PostSync_ClerkTokenFromAnotherIssuer_Returns401()
    {
        var claims = Admin();
        claims["iss"] = "https://evil.clerk.accounts.dev";

        using var response = await PostSyncAsync($"Bearer {_clerk.CreateToken(claims)}");

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task PostSync_ClerkTokenForAnotherAuthorizedParty_Returns401()
    {
        var claims = Admin();
        claims["azp"] = "https://phishing.example.net";

        using var response = await PostSyncAsync($"Bearer {_clerk.CreateToken(claims)}");

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task PostSync_ClerkTokenWithoutAzp_Returns401WhenPartiesAreConfigured()
    {
        var claims = Admin();
        claims["azp"] = null;

        using var response = await PostSyncAsync($"Bearer {_clerk.CreateToken(claims)}");

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task PostSync_ClerkTokenSignedByAnotherKey_Returns401()
    {
        using var otherRsa = RSA.Create(2048);
        var otherKey = new RsaSecurityKey(otherRsa) { KeyId = "test-key-1" };

        using var response = await PostSyncAsync($"Bearer {_clerk.CreateToken(Admin(), signWith: otherKey)}");

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task PostSync_ClerkTokenWithoutExpiry_Returns401()
    {
        var claims = Admin();
        claims["exp"] = null;

        using var response = await PostSyncAsync($"Bearer {_clerk.CreateToken(claims)}");

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task PostSync_Rejected_NeverLogsTheToken()
    {
        var token = _clerk.CreateToken(Admin(), expires: DateTimeOffset.UtcNow.AddMinutes(-5), notBefore: DateTimeOffset.UtcNow.AddMinutes(-10));
        using (await PostSyncAsync($"Bearer {token}"))
        {
        }

        using (await PostSyncAsync("Bearer wrong-static-token-0815"))
        {
        }

        using (await PostSyncAsync($"Bearer {SecondToken}"))
        {
        }

        var logs = string.Join('\n', _factory.Logs.Lines);
        Assert.DoesNotContain(token.Split('.')[2], logs, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-static-token-0815", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SecondToken, logs, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Admin() =>
        new() { ["metadata"] = new Dictionary<string, object> { ["role"] = "admin" } };
}
