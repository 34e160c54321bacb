using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.Auth;

/// <summary>
/// The auth matrix over REST: static admin tokens with rotation, and Clerk session tokens against a loopback JWKS.
/// The refused requests go to one service shared by the class; a request that starts a sync, or must show its own
/// service fetching the key, goes to a service of its own.
/// </summary>
public sealed class AuthTests : IAsyncLifetime, IClassFixture<ClerkFixture>, IClassFixture<SharedAitherFactory>
{
    private const string FirstToken = "rotated-token-old";
    private const string SecondToken = "rotated-token-new";
    private const string AuthorizedParty = "https://academy.example.com";

    private readonly ITestOutputHelper _output;
    private readonly ClerkStandIn _clerk;
    private readonly AitherFactory _shared;
    private AitherFactory? _own;

    public AuthTests(ClerkFixture clerk, SharedAitherFactory shared, ITestOutputHelper output)
    {
        _clerk = clerk.Clerk;
        _output = output;
        _shared = shared.For(output, CreateFactory);
    }

    /// <summary>A service of this test's own, for a request that starts a sync.</summary>
    private AitherFactory Own => _own ??= CreateFactory();

    private AitherFactory CreateFactory()
    {
        var factory = new AitherFactory().WithOutput(_output);
        factory.Settings["AITHER_ADMIN_TOKEN"] = $"{FirstToken}, {SecondToken}";
        factory.Settings["CLERK_ISSUER"] = _clerk.Issuer.ToString().TrimEnd('/');
        factory.Settings["CLERK_AUTHORIZED_PARTIES"] = $"{AuthorizedParty},https://admin.example.com";
        // The shared service answers every refused request of the class from one address; the limit of failed
        // authentications per address is tested in FailedAuthenticationLimitTests, not here.
        factory.Settings["AUTH_FAILURE_LIMIT"] = "100000";
        return factory;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_own is not null)
        {
            _own.Pipeline.Succeed();
            await _own.DisposeAsync();
        }
    }

    [Fact]
    public void DataProtectionKeyRing_IsNotLoadedAtStartUp()
    {
        // Bearer tokens only: nothing protects data, so the hosted service that reads (or creates) a key file is not registered.
        var hostedServices = _shared.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName).ToArray();

        Assert.NotEmpty(hostedServices);
        Assert.DoesNotContain("Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService", hostedServices);
    }

    /// <summary>POST /api/sync to the shared service, which must refuse it.</summary>
    private Task<HttpResponseMessage> PostSyncAsync(string? authorization) => PostSyncAsync(_shared, authorization);

    private static async Task<HttpResponseMessage> PostSyncAsync(AitherFactory factory, string? authorization)
    {
        var client = factory.CreateClient();
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
        Assert.Equal(0, _shared.Pipeline.Runs);
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
        Assert.Equal(0, _shared.Pipeline.Runs);
    }

    [Theory]
    [InlineData(FirstToken)]
    [InlineData(SecondToken)]
    public async Task PostSync_EitherRotatedAdminToken_Returns202(string token)
    {
        using var response = await PostSyncAsync(Own, $"Bearer {token}");

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

        using var response = await PostSyncAsync(Own, $"Bearer {_clerk.CreateToken(claims)}");

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
        Assert.Equal(0, _shared.Pipeline.Runs);
    }

    [Fact]
    public async Task GetStatus_ClerkTokenWithoutAnyRole_Returns403()
    {
        var client = _shared.CreateClient();
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
        using (await PostSyncAsync(Own, $"Bearer {token}"))
        {
        }

        using (await PostSyncAsync(Own, "Bearer wrong-static-token-0815"))
        {
        }

        // Accepted: a sync starts, so this test has a service of its own.
        using (await PostSyncAsync(Own, $"Bearer {SecondToken}"))
        {
        }

        var logs = string.Join('\n', Own.Logs.Lines);
        Assert.DoesNotContain(token.Split('.')[2], logs, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-static-token-0815", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SecondToken, logs, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Admin() =>
        new() { ["metadata"] = new Dictionary<string, object> { ["role"] = "admin" } };
}
