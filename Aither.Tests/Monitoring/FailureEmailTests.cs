using System.Net;
using System.Net.Sockets;
using System.Text;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Monitoring;

public sealed class FailureEmailTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SmtpStandIn _smtp = new();
    private RollbarStandIn _rollbar = null!;
    private AitherFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _rollbar = await RollbarStandIn.StartAsync();
        _factory = new AitherFactory().WithOutput(output).WithRollbar(_rollbar).WithSmtp(_smtp);
        _factory.Settings["NOTIFY_EMAIL_TO"] = "oncall@aither.test, lead@aither.test";
        _factory.Settings["NOTIFY_STATUS_URL"] = "https://aither.test/api/sync";
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
        await _rollbar.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task SyncCompleted_ThirdConsecutiveFailure_SendsOneMailWithJobErrorTimesAndStatusUrl()
    {
        await FailAsync();
        await FailAsync();
        var jobId = await FailAsync();

        var message = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal(["oncall@aither.test", "lead@aither.test"], message.ToAddresses.Select(a => a.Address));
        var raw = message.Data;
        Assert.Contains($"Subject: [Aither] Sync {jobId} failed (3 consecutive failures)", raw, StringComparison.Ordinal);
        var body = message.MessageParts[0].BodyData;
        Assert.Contains("Job:       " + jobId, body, StringComparison.Ordinal);
        Assert.Contains("- hemera.courses: Hemera answered HTTP 503", body, StringComparison.Ordinal);
        Assert.Contains("Started:   20", body, StringComparison.Ordinal);
        Assert.Contains("Finished:  20", body, StringComparison.Ordinal);
        Assert.Contains("https://aither.test/api/sync", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncCompleted_FailuresAfterThreshold_MailEachUntilASuccessResets()
    {
        await FailAsync();
        await FailAsync();
        await FailAsync();
        await FailAsync();
        var mails = await _smtp.WaitForAsync(2);
        Assert.Contains("(3 consecutive failures)", mails[0].Data, StringComparison.Ordinal);
        Assert.Contains("(4 consecutive failures)", mails[1].Data, StringComparison.Ordinal);

        await RunAsync(() => _factory.Pipeline.Succeed());
        await FailAsync();
        await FailAsync();
        await FailAsync();

        // Mails go out in order, so the third one proves the two failures after the reset sent none.
        mails = await _smtp.WaitForAsync(3);
        Assert.Equal(3, mails.Count);
        Assert.Contains("(3 consecutive failures)", mails[2].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncCompleted_SmtpDown_SyncUnaffectedAndFailureLoggedAndReported()
    {
        _factory.Settings["SMTP_PORT"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factory.Settings["NOTIFY_FAILURE_THRESHOLD"] = "1";

        await FailAsync();

        var requests = await _rollbar.WaitForAsync(r => r.Any(i => i.Status == 200 && i.Level == "error"));
        var item = Assert.Single(requests, r => r.Level == "error");
        Assert.Equal("smtp", item.Custom.GetProperty("source").GetString());
        Assert.Equal(_factory.Coordinator.Latest!.JobId, item.Custom.GetProperty("jobId").GetString());
        Assert.Equal(SyncJobStatus.Failed, _factory.Coordinator.Latest.Status);
        Assert.Contains(_factory.Logs.Lines, l => l.Contains("Failure e-mail for", StringComparison.Ordinal) && l.Contains("could not be sent", StringComparison.Ordinal));

        await RunAsync(() => _factory.Pipeline.Succeed());
        Assert.Equal(SyncJobStatus.Success, _factory.Coordinator.Latest!.Status);
    }

    [Fact]
    public async Task StartUp_NotConfigured_SaysSoOnceAndSendsNothing()
    {
        _factory.Settings["NOTIFY_EMAIL_TO"] = "";
        _factory.Settings["NOTIFY_FAILURE_THRESHOLD"] = "1";

        await FailAsync();
        await _factory.DisposeAsync();

        Assert.Single(_factory.Logs.Lines, l => l.Contains("Failure e-mail is off", StringComparison.Ordinal));
        Assert.Empty(_smtp.Messages);
    }

    private Task<string> FailAsync() => RunAsync(() => _factory.Pipeline.Fail("hemera.courses", "Hemera answered HTTP 503"));

    private async Task<string> RunAsync(Action release)
    {
        var client = _factory.CreateAdminClient();
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/sync", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _factory.Pipeline.Started.Guarded();
        release();
        await _factory.Coordinator.WhenIdleAsync().Guarded();
        return _factory.Coordinator.Latest!.JobId;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
