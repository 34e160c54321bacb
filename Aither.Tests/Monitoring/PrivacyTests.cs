using System.Text;
using Aither.Service.Hemera;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aither.Tests.Monitoring;

/// <summary>
/// Distinctive participant data goes through syncs that succeed, fail and crash; none of it may reach Rollbar,
/// the logs or an e-mail.
/// </summary>
public sealed class PrivacyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Participant Participant = new(
        "b-1", "p-1", "user_pii_4711", "Oswaldine Krummbeck-Tarrasch", "confirmed",
        "Vorbereitung: Ich möchte Zephyrkanal-Migrationen verstehen", "Ergebnis: Flussdiagramm für Quastenflosser",
        "Leitung: Bramwell Ovidiusz", null);

    private static readonly string[] Distinctive =
    [
        "Oswaldine", "Krummbeck", "Tarrasch", "Zephyrkanal", "Quastenflosser", "Bramwell", "Ovidiusz", "oswaldine.k@example.net",
    ];

    private readonly TestHemeraCatalog _catalog = new();
    private readonly SmtpStandIn _smtp = new();
    private RollbarStandIn _rollbar = null!;
    private AitherFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _rollbar = await RollbarStandIn.StartAsync();
        _catalog.Courses.Add(new CourseDetail("c-42", "Kubernetes Grundlagen", "k8s", CourseLevel.Beginner, null, null, [Participant]));
        _factory = new AitherFactory().WithOutput(output).WithRollbar(_rollbar).WithSmtp(_smtp);
        _factory.Settings["NOTIFY_EMAIL_TO"] = "oncall@aither.test";
        _factory.Settings["NOTIFY_FAILURE_THRESHOLD"] = "1";
        _factory.ConfigureServices = services =>
        {
            services.ReplaceHemeraCatalog(_catalog);
        };
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
        await _rollbar.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task Syncs_SucceedFailAndCrashWithParticipantData_NothingPersonalLeavesTheProcess()
    {
        // Succeeds, fails, then crashes; both failures quote participant data by mistake.
        await RunSyncAsync(async (run, ct) =>
        {
            await FetchAsync(run, ct);
            run.ReportFileGenerated();
        });
        await RunSyncAsync(async (run, ct) =>
        {
            var detail = await FetchAsync(run, ct);
            throw new SyncFailedException("render", $"Template rendering failed for {detail.Participants[0].Name} ({detail.Participants[0].DesiredResults})");
        });
        await RunSyncAsync(async (run, ct) =>
        {
            var detail = await FetchAsync(run, ct);
            var p = detail.Participants[0];
            throw new FormatException($"Bad text for {p.Name} <oswaldine.k@example.net>: {p.PreparationIntent} / {p.DesiredResults} / {p.LineManagerProfile}");
        });

        var requests = await _rollbar.WaitForAsync(r => r.Count(i => i.Status == 200) == 4);
        var mails = await _smtp.WaitForAsync(2);
        await _factory.DisposeAsync();

        Assert.Equal(3, requests.Count(r => r.Message == "sync.completed"));
        var crash = Assert.Single(requests, r => r.Level == "error");
        Assert.Contains("Bad text for", crash.Text, StringComparison.Ordinal);
        var rollbarBytes = string.Concat(_rollbar.Requests.Select(r => r.Text));
        foreach (var value in Distinctive)
        {
            Assert.DoesNotContain(value, rollbarBytes, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("user_pii_4711", rollbarBytes, StringComparison.Ordinal);
        // Decoded as well as raw: a quoted-printable or base64 body would hide a leak from a plain search.
        var mailTexts = mails.SelectMany(m => new[] { m.Data, MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))).TextBody ?? "" }).ToArray();
        Assert.Contains(mailTexts, t => t.Contains("Template rendering failed for", StringComparison.Ordinal));
        foreach (var text in mailTexts)
        {
            foreach (var value in Distinctive)
            {
                Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.DoesNotContain(AitherFactory.AdminToken, rollbarBytes, StringComparison.Ordinal);
        Assert.DoesNotContain(MonitoringSetup.RollbarToken, rollbarBytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syncs_SucceedAndFailWithParticipantData_LogsHoldNoPersonalData()
    {
        await RunSyncAsync(async (run, ct) =>
        {
            await FetchAsync(run, ct);
            run.ReportFileGenerated();
        });
        await RunSyncAsync(async (run, ct) =>
        {
            await FetchAsync(run, ct);
            throw new SyncFailedException("hemera.course-detail", "Hemera answered HTTP 502 for course c-42");
        });
        await _rollbar.WaitForAsync(r => r.Count(i => i.Status == 200) == 2);
        await _factory.DisposeAsync();

        var logs = string.Join('\n', _factory.Logs.Lines);
        Assert.Contains("sync.completed", logs, StringComparison.Ordinal);
        foreach (var value in Distinctive.Append("user_pii_4711").Append(AitherFactory.AdminToken).Append(MonitoringSetup.RollbarToken))
        {
            Assert.DoesNotContain(value, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<CourseDetail> FetchAsync(SyncRun run, CancellationToken ct)
    {
        var catalog = _factory.Services.GetRequiredService<IHemeraCatalog>();
        var course = (await catalog.GetCoursesAsync(ct))[0];
        run.ReportCourse(course.Id);
        var detail = await catalog.GetCourseDetailAsync(course.Id, ct);
        run.ReportParticipantsFetched(detail.Participants.Count);
        return detail;
    }

    private async Task RunSyncAsync(Func<SyncRun, CancellationToken, Task> behaviour)
    {
        var client = _factory.CreateAdminClient();
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/sync", content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await _factory.Pipeline.Started.Guarded();
        _factory.Pipeline.Release(behaviour);
        await _factory.Coordinator.WhenIdleAsync().Guarded();
    }
}
