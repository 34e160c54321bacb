using System.Net;
using System.Text.Json;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using static Aither.Tests.Infrastructure.JsonAssert;

namespace Aither.Tests.Api;

/// <summary>
/// ListSyncJobs and GetSyncJob over REST (the real pipeline on Kestrel) and native gRPC over real h2c. Requests that
/// need no job ever to have run (refused, unknown ids, the empty list) go to one service shared by the class, on
/// which no sync ever starts; the others to a service of the test's own.
/// </summary>
public sealed class SyncHistoryTests : IAsyncLifetime, IClassFixture<SharedAitherFactory>
{
    private readonly AitherFactory _factory;
    private readonly AitherFactory _shared;
    private readonly Lazy<HttpClient> _rest;
    private readonly Lazy<GrpcChannel> _channel;
    private readonly Lazy<HttpClient> _sharedRest;
    private readonly Lazy<GrpcChannel> _sharedChannel;

    public SyncHistoryTests(SharedAitherFactory shared, ITestOutputHelper output)
    {
        _factory = new AitherFactory().WithOutput(output).UseRealKestrel();
        _shared = shared.For(output, () => new AitherFactory().WithOutput(output).UseRealKestrel());
        _rest = new(() => Started(_factory).CreateAdminClient());
        _channel = new(() => GrpcChannel.ForAddress(Started(_factory).GrpcAddress!));
        _sharedRest = new(() => Started(_shared).CreateAdminClient());
        _sharedChannel = new(() => GrpcChannel.ForAddress(Started(_shared).GrpcAddress!));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        foreach (var client in new[] { _rest, _sharedRest }.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        foreach (var channel in new[] { _channel, _sharedChannel }.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }

        await _factory.DisposeAsync();
    }

    private static AitherFactory Started(AitherFactory factory)
    {
        factory.StartServer();
        return factory;
    }

    /// <summary>An admin client of this test's own service.</summary>
    private HttpClient Rest => _rest.Value;

    private SyncService.SyncServiceClient Grpc => new(_channel.Value);

    /// <summary>An admin client of the shared service, on which no sync ever starts.</summary>
    private HttpClient SharedRest => _sharedRest.Value;

    private SyncService.SyncServiceClient SharedGrpc => new(_sharedChannel.Value);

    private static Metadata Admin => new() { { "authorization", $"Bearer {AitherFactory.AdminToken}" } };

    [Fact]
    public async Task ListJobs_Empty_ReturnsNoJobsAndANullToken()
    {
        using var response = await SharedRest.GetAsync(new Uri("/api/sync/jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = await ReadEnvelopeAsync(response);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(["jobs", "nextPageToken"], PropertyNames(data));
        Assert.Empty(data.GetProperty("jobs").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("nextPageToken").ValueKind);
    }

    [Fact]
    public async Task ListJobs_EachJob_HasExactlyTheKeysAndNullsOfGetStatus()
    {
        await RunSyncsAsync(1);
        var running = await StartAsync();

        using var list = await ReadEnvelopeAsync(await Rest.GetAsync(new Uri("/api/sync/jobs", UriKind.Relative)));
        using var status = await ReadEnvelopeAsync(await Rest.GetAsync(new Uri("/api/sync", UriKind.Relative)));
        using var byId = await ReadEnvelopeAsync(await Rest.GetAsync(new Uri($"/api/sync/jobs/{running}", UriKind.Relative)));

        var jobs = list.RootElement.GetProperty("data").GetProperty("jobs").EnumerateArray().ToArray();
        Assert.Equal(2, jobs.Length);
        var latest = status.RootElement.GetProperty("data");
        Assert.Equal(latest.GetRawText(), jobs[0].GetRawText());
        // The job by id is the same job plus its progress (a pipeline that reported no phase yet).
        Assert.Equal(latest.GetRawText()[..^1] + ",\"progress\":{\"phase\":null,\"coursePagesFetched\":0}}", byId.RootElement.GetProperty("data").GetRawText());
        Assert.Equal(PropertyNames(latest), PropertyNames(jobs[1]));
        Assert.Equal(JsonValueKind.Null, jobs[0].GetProperty("endTime").ValueKind);
        Assert.Equal(JsonValueKind.Null, jobs[0].GetProperty("durationMs").ValueKind);
        Assert.Equal("success", jobs[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ListJobs_PagedByTwo_FollowsTokensToEveryJobNewestFirst()
    {
        var ids = await RunSyncsAsync(5);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = token is null ? "?pageSize=2" : $"?pageSize=2&pageToken={Uri.EscapeDataString(token)}";
            using var json = await ReadEnvelopeAsync(await Rest.GetAsync(new Uri("/api/sync/jobs" + query, UriKind.Relative)));
            var data = json.RootElement.GetProperty("data");
            seen.AddRange(data.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()!));
            token = data.GetProperty("nextPageToken").GetString();
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListJobs_NoPageSize_ReturnsTwentyAndMoreThanAHundredIsClamped()
    {
        await RunSyncsAsync(21);

        var first = await Grpc.ListSyncJobsAsync(new ListSyncJobsRequest(), Admin);
        var clamped = await Grpc.ListSyncJobsAsync(new ListSyncJobsRequest { PageSize = 5000 }, Admin);

        Assert.Equal(20, first.Jobs.Count);
        Assert.NotEmpty(first.NextPageToken);
        Assert.Equal(21, clamped.Jobs.Count);
        Assert.Empty(clamped.NextPageToken);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("c3luYy0x")] // base64url of "sync-1": the shape guessed, not issued
    [InlineData("am9icy52MTpzeW5jLWFiYw")] // a well-formed token around an id that is no job id
    public async Task ListJobs_ForgedToken_Returns400InvalidPageToken(string token)
    {
        await RunSyncsAsync(1);

        using var response = await Rest.GetAsync(new Uri($"/api/sync/jobs?pageToken={token}", UriKind.Relative));

        await ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task ListJobs_TokenOfAPrunedJob_FailsInvalidArgumentWithErrorInfo()
    {
        await RunSyncsAsync(3);
        var page = await Grpc.ListSyncJobsAsync(new ListSyncJobsRequest { PageSize = 1 }, Admin);
        // A token naming a job that is not recorded (as after pruning) is stale.
        var stale = Aither.Service.Api.SyncJobPageToken.Encode("sync-1");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Grpc.ListSyncJobsAsync(new ListSyncJobsRequest { PageSize = 1, PageToken = stale }, Admin));

        Assert.NotEmpty(page.NextPageToken);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.Equal("INVALID_PAGE_TOKEN", info?.Reason);
        Assert.Equal("aither", info?.Domain);
    }

    [Fact]
    public async Task ListJobs_NegativePageSize_Returns400InvalidArgumentNamingTheField()
    {
        using var response = await SharedRest.GetAsync(new Uri("/api/sync/jobs?pageSize=-1", UriKind.Relative));

        var message = await ErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Contains("pageSize", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_Unknown_Returns404SyncJobNotFound()
    {
        using var response = await SharedRest.GetAsync(new Uri("/api/sync/jobs/sync-123", UriKind.Relative));

        await ErrorAsync(response, HttpStatusCode.NotFound, "SYNC_JOB_NOT_FOUND");
    }

    [Fact]
    public async Task GetJob_UnknownOverGrpc_FailsNotFoundWithErrorInfo()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await SharedGrpc.GetSyncJobAsync(new GetSyncJobRequest { JobId = "sync-123" }, Admin));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.Equal("SYNC_JOB_NOT_FOUND", info?.Reason);
        Assert.Equal("aither", info?.Domain);
        Assert.Equal("sync-123", info?.Metadata["jobId"]);
    }

    [Fact]
    public async Task GetJob_OlderJobAfterANewerOne_ReturnsItOverGrpc()
    {
        var ids = await RunSyncsAsync(2);

        var response = await Grpc.GetSyncJobAsync(new GetSyncJobRequest { JobId = ids[0] }, Admin);

        Assert.Equal(ids[0], response.Job.JobId);
        Assert.Equal(SyncStatus.Success, response.Job.Status);
    }

    [Theory]
    [InlineData("/api/sync/jobs")]
    [InlineData("/api/sync/jobs/sync-1")]
    public async Task History_WithoutCredentials_Returns401(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = Started(_shared).RestAddress };

        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        await ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task ListJobs_WithoutCredentialsOverGrpc_FailsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await SharedGrpc.ListSyncJobsAsync(new ListSyncJobsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    private async Task<string> StartAsync()
    {
        using var response = await Rest.PostAsync(new Uri("/api/sync", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = await ReadEnvelopeAsync(response);
        return json.RootElement.GetProperty("data").GetProperty("jobId").GetString()!;
    }

    private async Task<List<string>> RunSyncsAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            _factory.Pipeline.Succeed();
            ids.Add(await StartAsync());
            await _factory.Coordinator.WhenIdleAsync().Guarded();
        }

        return ids;
    }
}
