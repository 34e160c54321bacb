using System.Net;
using Aither.Tests.Infrastructure;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.Api;

/// <summary>
/// GET /api/cron/sync for schedulers that can only send GET. The refused requests go to one service shared by the
/// class, on which no sync ever starts; a request that starts a sync goes to a service of the test's own.
/// </summary>
public sealed class CronTriggerTests(SharedAitherFactory shared, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<SharedAitherFactory>
{
    private const string CronSecret = "cron-secret-for-tests";
    private readonly AitherFactory _factory = Create(output);
    private readonly AitherFactory _shared = shared.For(output, () => Create(output));

    private static AitherFactory Create(ITestOutputHelper output)
    {
        var factory = new AitherFactory().WithOutput(output);
        factory.Settings["CRON_SECRET"] = CronSecret;
        return factory;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, string? bearer) => SendAsync(_factory, method, path, bearer);

    /// <summary>A request to the shared service, which must refuse it.</summary>
    private Task<HttpResponseMessage> SendToSharedAsync(string method, string path, string? bearer) => SendAsync(_shared, method, path, bearer);

    private static async Task<HttpResponseMessage> SendAsync(AitherFactory factory, string method, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return await factory.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task Get_NoCredentials_Returns401()
    {
        using var response = await SendToSharedAsync("GET", "/api/cron/sync", null);

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Null(_shared.Coordinator.Latest);
    }

    [Fact]
    public async Task Get_WrongSecret_Returns401()
    {
        using var response = await SendToSharedAsync("GET", "/api/cron/sync", "not-the-cron-secret");

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Null(_shared.Coordinator.Latest);
    }

    [Theory]
    [InlineData(CronSecret)]
    [InlineData(AitherFactory.AdminToken)]
    public async Task Get_CronSecretOrAdminToken_Starts202LikePost(string bearer)
    {
        using var response = await SendAsync("GET", "/api/cron/sync", bearer);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = await ReadEnvelopeAsync(response);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(["jobId", "status", "startTime"], PropertyNames(data));
        Assert.Equal("running", data.GetProperty("status").GetString());
        Assert.Equal(_factory.Coordinator.Latest!.JobId, data.GetProperty("jobId").GetString());
        var run = await _factory.Pipeline.Started.Guarded();
        Assert.False(run.Force);
    }

    [Fact]
    public async Task Get_WhileRunning_Returns200AlreadyRunningWithTheRunningJob()
    {
        string runningJobId;
        using (var start = await SendAsync("POST", "/api/sync", AitherFactory.AdminToken))
        {
            using var json = await ReadEnvelopeAsync(start);
            runningJobId = json.RootElement.GetProperty("data").GetProperty("jobId").GetString()!;
        }

        using var response = await SendAsync("GET", "/api/cron/sync", CronSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var overlap = await ReadEnvelopeAsync(response);
        Assert.True(overlap.RootElement.GetProperty("success").GetBoolean());
        var data = overlap.RootElement.GetProperty("data");
        Assert.Equal("already_running", data.GetProperty("status").GetString());
        Assert.Equal(runningJobId, data.GetProperty("jobId").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/sync")]
    [InlineData("GET", "/api/sync")]
    public async Task CronSecret_OnAdminEndpoints_Returns403(string method, string path)
    {
        using var response = await SendToSharedAsync(method, path, CronSecret);

        await ErrorAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Null(_shared.Coordinator.Latest);
    }
}
