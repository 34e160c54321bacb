using System.Diagnostics;
using System.Net;
using System.Text;
using Aither.Service.Monitoring;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aither.Tests.Monitoring;

/// <summary>The queue and the sender: off switch, overflow, Rollbar down or slow or rate-limiting, flush on shutdown.</summary>
public sealed class RollbarTransportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RollbarStandIn _rollbar = null!;
    private AitherFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _rollbar = await RollbarStandIn.StartAsync();
        _factory = new AitherFactory().WithOutput(output).WithRollbar(_rollbar);
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        _rollbar.Release();
        await _factory.DisposeAsync();
        await _rollbar.DisposeAsync();
    }

    [Theory]
    [InlineData("ROLLBAR_ENABLED", "0")]
    [InlineData("ROLLBAR_ACCESS_TOKEN", "")]
    public async Task Send_DisabledOrNoToken_NoRequestAtAll(string variable, string value)
    {
        _factory.Settings[variable] = value;

        await RunSyncAsync(() => _factory.Pipeline.Succeed());
        Reporter.ReportError("http.500", new ErrorContext("test"));
        var queue = _factory.Services.GetRequiredService<RollbarQueue>();
        await _factory.DisposeAsync();

        Assert.Equal(0, queue.Count);
        Assert.Empty(_rollbar.Requests);
        Assert.Contains(_factory.Logs.Lines, l => l.Contains("Rollbar reporting is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_InfoSampledToZero_OnlyOtherLevelsAreSent()
    {
        _factory.Settings["ROLLBAR_SAMPLE_RATE_INFO"] = "0";

        await RunSyncAsync(() => _factory.Pipeline.Succeed());
        Reporter.ReportError("after-the-sync", new ErrorContext("test"));
        await _rollbar.WaitForItemAsync("after-the-sync");
        await _factory.DisposeAsync();

        Assert.Equal(["after-the-sync"], _rollbar.Requests.Select(r => r.Message));
    }

    [Fact]
    public async Task Send_ServerTokenAlias_IsUsedAsTheAccessToken()
    {
        _factory.Settings["ROLLBAR_ACCESS_TOKEN"] = "";
        _factory.Settings["ROLLBAR_SERVER_TOKEN"] = "alias-token-77";

        Reporter.ReportError("alias", new ErrorContext("test"));

        var requests = await _rollbar.WaitForItemAsync("alias");
        Assert.Equal("alias-token-77", Assert.Single(requests).Token);
    }

    [Fact]
    public async Task Enqueue_QueueFull_DropsTheOldestAndCountsTheDrops()
    {
        _factory.Settings["ROLLBAR_QUEUE_CAPACITY"] = "2";
        _rollbar.Hold();
        Reporter.ReportError("item-0", new ErrorContext("test"));
        await _rollbar.WaitForAsync(r => r.Count == 1);

        for (var i = 1; i <= 5; i++)
        {
            Reporter.ReportError($"item-{i}", new ErrorContext("test"));
        }

        var queue = _factory.Services.GetRequiredService<RollbarQueue>();
        Assert.Equal(2, queue.Count);
        Assert.Equal(3, queue.Dropped);

        _rollbar.Release();
        var requests = await _rollbar.WaitForAsync(r => r.Count == 3);
        Assert.Equal(["item-0", "item-4", "item-5"], requests.Select(r => r.Message));
    }

    [Fact]
    public async Task Sync_RollbarHangs_SyncsFinishAndTheQueueStaysBounded()
    {
        _factory.Settings["ROLLBAR_QUEUE_CAPACITY"] = "3";
        _factory.Settings["ROLLBAR_FLUSH_TIMEOUT_MS"] = "200";
        _rollbar.Hold();

        for (var i = 0; i < 8; i++)
        {
            await RunSyncAsync(() => _factory.Pipeline.Succeed());
        }

        var queue = _factory.Services.GetRequiredService<RollbarQueue>();
        Assert.Equal(8, _factory.Pipeline.Runs);
        Assert.Equal(Aither.Service.Sync.SyncJobStatus.Success, _factory.Coordinator.Latest!.Status);
        Assert.True(queue.Count <= 3, $"queue holds {queue.Count}");
        Assert.True(queue.Dropped >= 4, $"dropped {queue.Dropped}");
    }

    [Fact]
    public async Task Send_RollbarAnswers500_RetriesAndTheSyncIsUnaffected()
    {
        _rollbar.Plan(500, times: 2);

        await RunSyncAsync(() => _factory.Pipeline.Succeed());

        var requests = await _rollbar.WaitForItemAsync("sync.completed");
        Assert.Equal([500, 500, 200], requests.Select(r => r.Status));
        Assert.Single(requests.Select(r => r.Uuid).Distinct());
        Assert.Equal(Aither.Service.Sync.SyncJobStatus.Success, _factory.Coordinator.Latest!.Status);
    }

    [Fact]
    public async Task Send_RollbarRateLimits_WaitsAsToldThenRetries()
    {
        _rollbar.Plan(429, new Dictionary<string, string>
        {
            ["X-Rate-Limit-Limit"] = "5000",
            ["X-Rate-Limit-Remaining"] = "0",
            ["X-Rate-Limit-Remaining-Seconds"] = "1",
        });
        var watch = Stopwatch.StartNew();

        Reporter.ReportError("limited", new ErrorContext("test"));

        var requests = await _rollbar.WaitForItemAsync("limited");
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}");
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("3600", 60)]
    [InlineData("0", 0)]
    public void RateLimitDelay_RemainingSecondsHeader_IsHonouredUpToOneMinute(string header, int expectedSeconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("X-Rate-Limit-Remaining-Seconds", header);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RollbarClient.RateLimitDelay(response));
    }

    [Fact]
    public void RateLimitDelay_ServerError_LeavesTheDelayToTheBackoff()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway);

        Assert.Null(RollbarClient.RateLimitDelay(response));
    }

    [Fact]
    public async Task Shutdown_ItemsQueued_AreFlushedBeforeTheHostStops()
    {
        _rollbar.Hold();
        Reporter.ReportError("flush-0", new ErrorContext("test"));
        await _rollbar.WaitForAsync(r => r.Count == 1);
        Reporter.ReportError("flush-1", new ErrorContext("test"));
        Reporter.ReportError("flush-2", new ErrorContext("test"));

        var disposing = _factory.DisposeAsync().AsTask();
        _rollbar.Release();
        await disposing.Guarded();

        Assert.Equal(["flush-0", "flush-1", "flush-2"], _rollbar.Accepted.Select(r => r.Message));
    }

    [Fact]
    public async Task Shutdown_RollbarHangs_GivesUpAfterTheFlushTimeout()
    {
        _factory.Settings["ROLLBAR_FLUSH_TIMEOUT_MS"] = "300";
        _rollbar.Hold();
        Reporter.ReportError("stuck", new ErrorContext("test"));
        await _rollbar.WaitForAsync(r => r.Count == 1);
        var watch = Stopwatch.StartNew();

        await _factory.DisposeAsync().AsTask().Guarded();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"shutdown took {watch.Elapsed}");
        Assert.Empty(_rollbar.Accepted);
    }

    private IErrorReporter Reporter => _factory.Services.GetRequiredService<IErrorReporter>();

    private async Task RunSyncAsync(Action release)
    {
        var client = _factory.CreateAdminClient();
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/sync", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _factory.Pipeline.Started.Guarded();
        release();
        await _factory.Coordinator.WhenIdleAsync().Guarded();
    }
}
