using System.Net;
using Aither.Tests.Infrastructure;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.Api;

/// <summary>With no CRON_SECRET configured, only admin credentials open the cron handler.</summary>
public sealed class CronTriggerWithoutSecretTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AitherFactory _factory = new AitherFactory().WithOutput(output);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("anything")]
    public async Task Get_NoSecretConfigured_OnlyAdminWorks(string bearer)
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cron/sync");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
        using var refused = await client.SendAsync(request);
        await ErrorAsync(refused, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        var admin = _factory.CreateAdminClient();
        using var accepted = await admin.GetAsync("/api/cron/sync");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }
}
