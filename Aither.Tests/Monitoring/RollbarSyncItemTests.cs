using System.Text;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aither.Tests.Monitoring;

public sealed class RollbarSyncItemTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] SyncCompletedKeys =
        ["jobId", "status", "durationMs", "courseId", "participantsFetched", "filesGenerated", "filesSkipped", "errorCount", "noUpcomingCourse"];

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
        await _factory.DisposeAsync();
        await _rollbar.DisposeAsync();
    }

    [Fact]
    public async Task SyncCompleted_PipelineSucceeds_SendsExactlyOneInfoItemWithTheDocumentedFields()
    {
        var jobId = await RunSyncAsync(() => _factory.Pipeline.Succeed(run =>
        {
            run.ReportCourse("c1");
            run.ReportParticipantsFetched(3);
            run.ReportFileGenerated();
            run.ReportFileSkipped();
        }));

        await _rollbar.WaitForItemAsync("sync.completed");
        await _factory.DisposeAsync();

        var item = Assert.Single(_rollbar.Requests);
        Assert.Equal(MonitoringSetup.RollbarToken, item.Token);
        Assert.StartsWith("application/json", item.Headers["Content-Type"], StringComparison.Ordinal);
        var data = item.Data;
        Assert.Equal("test", data.GetProperty("environment").GetString());
        Assert.Equal("info", item.Level);
        Assert.True(data.GetProperty("timestamp").GetInt64() > 1_600_000_000);
        Assert.True(Guid.TryParse(item.Uuid, out _));
        Assert.False(string.IsNullOrEmpty(data.GetProperty("platform").GetString()));
        Assert.Equal("c#", data.GetProperty("language").GetString());
        Assert.Equal("aspnetcore", data.GetProperty("framework").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("server").GetProperty("host").GetString()));
        Assert.False(string.IsNullOrEmpty(data.GetProperty("code_version").GetString()));
        Assert.Equal("sync.completed", item.Message);

        var custom = item.Custom;
        Assert.Equal(SyncCompletedKeys, custom.PropertyNames());
        Assert.Equal(jobId, custom.GetProperty("jobId").GetString());
        Assert.Equal("success", custom.GetProperty("status").GetString());
        Assert.True(custom.GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal("c1", custom.GetProperty("courseId").GetString());
        Assert.Equal(3, custom.GetProperty("participantsFetched").GetInt32());
        Assert.Equal(1, custom.GetProperty("filesGenerated").GetInt32());
        Assert.Equal(1, custom.GetProperty("filesSkipped").GetInt32());
        Assert.Equal(0, custom.GetProperty("errorCount").GetInt32());
        Assert.False(custom.GetProperty("noUpcomingCourse").GetBoolean());
    }

    [Fact]
    public async Task SyncCompleted_PipelineFails_SendsOneItemWithStatusFailed()
    {
        var jobId = await RunSyncAsync(() => _factory.Pipeline.Fail("hemera.courses", "Hemera answered HTTP 503"));

        await _rollbar.WaitForItemAsync("sync.completed");
        await _factory.DisposeAsync();

        var item = Assert.Single(_rollbar.Requests);
        Assert.Equal("info", item.Level);
        Assert.Equal(SyncCompletedKeys, item.Custom.PropertyNames());
        Assert.Equal(jobId, item.Custom.GetProperty("jobId").GetString());
        Assert.Equal("failed", item.Custom.GetProperty("status").GetString());
        Assert.Equal(1, item.Custom.GetProperty("errorCount").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.Custom.GetProperty("courseId").ValueKind);
    }

    [Fact]
    public async Task SyncCompleted_NoUpcomingCourse_SaysSoInTheItem()
    {
        await RunSyncAsync(() => _factory.Pipeline.Succeed(run => run.ReportNoUpcomingCourse()));

        var requests = await _rollbar.WaitForItemAsync("sync.completed");

        var item = Assert.Single(requests);
        Assert.Equal("success", item.Custom.GetProperty("status").GetString());
        Assert.True(item.Custom.GetProperty("noUpcomingCourse").GetBoolean());
        Assert.Equal(0, item.Custom.GetProperty("filesGenerated").GetInt32());
    }

    [Fact]
    public async Task ManifestCorrupted_Reported_SendsWarningWithThePathButNotTheReason()
    {
        _ = _factory.Services;
        var events = _factory.Services.GetRequiredService<SyncEvents>();

        events.ManifestCorrupted("/srv/aither/output/.manifest.json", "unexpected token 'Secret-Manifest-Content' at line 1");

        var requests = await _rollbar.WaitForItemAsync("sync.manifest.corrupted");
        var item = Assert.Single(requests);
        Assert.Equal("warning", item.Level);
        Assert.Equal(["path"], item.Custom.PropertyNames());
        Assert.Equal("/srv/aither/output/.manifest.json", item.Custom.GetProperty("path").GetString());
        Assert.DoesNotContain("Secret-Manifest-Content", item.Text, StringComparison.Ordinal);
    }

    private async Task<string> RunSyncAsync(Action release)
    {
        var client = _factory.CreateAdminClient();
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/sync", content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await _factory.Pipeline.Started.Guarded();
        release();
        await _factory.Coordinator.WhenIdleAsync().Guarded();
        return _factory.Coordinator.Latest!.JobId;
    }
}
