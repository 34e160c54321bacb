using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Aither.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.Auth;

/// <summary>Never open by default: with no credentials configured, everything is refused.</summary>
public sealed class AuthNotConfiguredTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AitherFactory _factory = new AitherFactory().WithOutput(output);

    public Task InitializeAsync()
    {
        _factory.Settings["AITHER_ADMIN_TOKEN"] = "";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Bearer anything")]
    [InlineData("Bearer a.b.c")]
    public async Task PostSync_NothingConfigured_Returns401AndWarnsAtStartUp(string authorization)
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sync");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Contains(_factory.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("AITHER_ADMIN_TOKEN", StringComparison.Ordinal));
        Assert.Equal(0, _factory.Pipeline.Runs);
    }
}
