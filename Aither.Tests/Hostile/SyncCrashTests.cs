using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aither.Service.Hemera;
using Aither.Service.Rendering;
using Aither.Testing;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Hostile;

/// <summary>
/// The real service process, forced syncs of a large generated course, and kill -9 at random moments of each
/// sync (while the page's temp file is written, between the page and the manifest, at a random delay, right after
/// the start, after the end). After every restart: the page is complete and is the previous or the new version,
/// the manifest names a page that exists, no temporary file is left, and the killed job reads failed (interrupted)
/// or, when it had finished, success; never running. At the end an unkilled sync leaves page and manifest agreeing.
/// AITHER_CRASH_KILLS sets the number of kills (default 20), AITHER_CRASH_BUDGET_SECONDS bounds the time spent on
/// them (default 120; at least 5 kills happen whatever it says); AITHER_CRASH_SEED replays a run.
/// </summary>
[Collection(nameof(SyncCrashCollection))]
public sealed class SyncCrashTests(ITestOutputHelper output) : IDisposable
{
    private const string CourseId = "c000000000000000000000100";
    private const string Slug = "absturz-kurs";
    private const int Participants = 500;

    private readonly TempDirectory _dir = new();
    private readonly CoursePageRenderer _renderer = new(Options.Create(new RenderingOptions()));
    private readonly Dictionary<string, int> _versionByHash = [];
    private readonly DateTimeOffset _start = new(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(10).AddHours(8), TimeSpan.Zero);

    public void Dispose() => _dir.Dispose();

    private string OutputDir => _dir.Combine("output");

    private string PagePath => Path.Combine(OutputDir, "courses", Slug + ".html");

    private string ManifestPath => Path.Combine(OutputDir, ".sync-manifest.json");

    private enum KillMoment
    {
        RightAfterStart,
        WhilePageTempExists,
        WhileManifestTempExists,
        RandomDelay,
        AfterTheEnd,
    }

    [Fact]
    public async Task KillDuringForcedSyncs_EveryRestart_CompletePageNoTempFileKilledJobNotRunning()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("AITHER_CRASH_KILLS"), CultureInfo.InvariantCulture, out var k) ? k : 20;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("AITHER_CRASH_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        var budget = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("AITHER_CRASH_BUDGET_SECONDS"), CultureInfo.InvariantCulture, out var b) ? b : 120);
        output.WriteLine($"AITHER_CRASH_SEED={seed} AITHER_CRASH_KILLS={kills}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        var random = new Random(seed);
        await using var hemera = await HemeraStandIn.StartAsync();
        var interrupted = 0;
        var tempFilesLeftByKills = 0;
        string? killedJob = null;
        var lastVersion = 0;

        for (var round = 1; round <= kills + 1; round++)
        {
            await ServeVersionAsync(hemera, round);
            await using var instance = await ServiceInstance.StartAsync(ServiceEnvironment(hemera));

            AssertOutputIntact();
            if (killedJob is not null)
            {
                var status = await JobStatusAsync(instance, killedJob);
                Assert.True(status is "failed" or "success", $"round {round}: the killed job {killedJob} reads {status}");
                interrupted += status == "failed" ? 1 : 0;
            }

            using var post = await instance.Client.PostAsync(new Uri("/api/sync?force=true", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
            var jobId = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("jobId").GetString()!;
            lastVersion = round;

            if (round > kills || (round > 5 && clock.Elapsed > budget))
            {
                Assert.Equal("success", await WaitForEndAsync(instance, jobId));
                break;
            }

            var moment = (KillMoment)random.Next(Enum.GetValues<KillMoment>().Length);
            await ReachAsync(moment, instance, jobId, random);
            await instance.KillAsync();
            killedJob = jobId;
            done++;
            var leftOver = TempFiles().Length;
            tempFilesLeftByKills += leftOver;
            output.WriteLine($"round {round}: killed {jobId} at {moment}; {leftOver} temp file(s) left");
        }

        var (pageVersion, manifestVersion) = AssertOutputIntact();
        Assert.Equal(lastVersion, pageVersion);
        Assert.Equal(lastVersion, manifestVersion);
        output.WriteLine($"{interrupted} of {done} killed jobs read failed (interrupted); kills left {tempFilesLeftByKills} temp file(s), all removed at restart");
        Assert.True(interrupted > 0, "No kill hit a running sync; the test did not test anything");
    }

    [Fact]
    public async Task StartUp_TempFilesOfAKilledProcess_AreRemovedUnderTheSyncLockAndCounted()
    {
        await using var hemera = await HemeraStandIn.StartAsync();
        Directory.CreateDirectory(Path.Combine(OutputDir, "courses"));
        File.WriteAllText(Path.Combine(OutputDir, "courses", $".{Slug}.html.00112233aabbccdd.tmp"), "torn");
        File.WriteAllText(Path.Combine(OutputDir, "..sync-manifest.json.00112233aabbccdd.tmp"), "{");
        File.WriteAllText(Path.Combine(OutputDir, "courses", "notes.tmp"), "not ours");

        await using var instance = await ServiceInstance.StartAsync(ServiceEnvironment(hemera), output);

        Assert.Equal([Path.Combine(OutputDir, "courses", "notes.tmp")], TempFiles());
        Assert.Single(instance.Stdout, l => l.Contains("output.temp-files-removed count=2", StringComparison.Ordinal));
    }

    /// <summary>Version <paramref name="version"/> of the course: the title names it, so the page shows which one it is.</summary>
    private async Task ServeVersionAsync(HemeraStandIn hemera, int version)
    {
        var course = HemeraJson.Course(CourseId, $"Absturztest Version {version}", _start, participantCount: Participants);
        course["slug"] = Slug;
        hemera.SetCourses([course]);
        var detail = (JsonObject)course.DeepClone();
        detail.Remove("participantCount");
        var people = new JsonArray();
        var text = string.Concat(Enumerable.Repeat("Vorbereitung mit Umlauten äöü & <Markup> ", 50));
        for (var i = 0; i < Participants; i++)
        {
            people.Add(new JsonObject
            {
                ["bookingId"] = HemeraIds.Cuid(10_000 + i),
                ["participationId"] = HemeraIds.Cuid(20_000 + i),
                ["userId"] = $"user_{i:D6}",
                ["name"] = $"Teilnehmerin {i:D5}",
                ["imageUrl"] = null,
                ["status"] = "PREPARATION",
                ["preparationIntent"] = text,
                ["desiredResults"] = text,
                ["lineManagerProfile"] = text,
                ["preparationCompletedAt"] = null,
            });
        }

        detail["participants"] = people;
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["success"] = true, ["data"] = detail }.ToJsonString());
        hemera.SetDetailBody(CourseId, body);
        using var stream = new MemoryStream(body);
        var parsed = await HemeraResponseParser.ReadCourseDetailAsync(stream, CancellationToken.None);
        _versionByHash[_renderer.ComputeContentHash(parsed)] = version;
    }

    private Dictionary<string, string> ServiceEnvironment(HemeraStandIn hemera) => new()
    {
        ["HTML_OUTPUT_DIR"] = OutputDir,
        ["SYNC_STATE_CONNECTION"] = _dir.Combine("state", "aither.db"),
        ["HEMERA_API_BASE_URL"] = hemera.BaseUrl,
        ["HEMERA_MAX_RETRIES"] = "0",
    };

    private string[] TempFiles() =>
        Directory.Exists(OutputDir)
            ? Directory.EnumerateFiles(OutputDir, "*.tmp", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None }).ToArray()
            : [];

    /// <summary>
    /// The page is whole and one of the versions served, never older than the manifest's (a kill between the page's
    /// rename and the manifest's leaves the page ahead); the manifest names it; no temp file is left.
    /// </summary>
    private (int? Page, int? Manifest) AssertOutputIntact()
    {
        Assert.Empty(TempFiles());
        if (!File.Exists(ManifestPath))
        {
            return (File.Exists(PagePath) ? PageVersion() : null, null);
        }

        var manifest = JsonDocument.Parse(File.ReadAllBytes(ManifestPath)).RootElement;
        Assert.Equal($"courses/{Slug}.html", manifest.GetProperty("page").GetString());
        var manifestVersion = _versionByHash[manifest.GetProperty("contentHash").GetString()!];
        var pageVersion = PageVersion();
        Assert.True(pageVersion >= manifestVersion, $"page version {pageVersion} is older than the manifest's {manifestVersion}");
        return (pageVersion, manifestVersion);
    }

    private int PageVersion()
    {
        var page = File.ReadAllText(PagePath);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("</html>", page.TrimEnd(), StringComparison.Ordinal);
        Assert.True(CountOf(page, "Teilnehmerin ") >= Participants, "the page lacks participants");
        var title = System.Text.RegularExpressions.Regex.Match(page, "<h1>Absturztest Version ([0-9]+)</h1>");
        Assert.True(title.Success, "the page has no version title");
        var version = int.Parse(title.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Contains(version, _versionByHash.Values);
        return version;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task ReachAsync(KillMoment moment, ServiceInstance instance, string jobId, Random random)
    {
        switch (moment)
        {
            case KillMoment.RightAfterStart:
                return;
            case KillMoment.WhilePageTempExists:
                await UntilFileOrEndAsync(Path.Combine(OutputDir, "courses"), $".{Slug}.html.*.tmp", instance, jobId);
                return;
            case KillMoment.WhileManifestTempExists:
                await UntilFileOrEndAsync(OutputDir, "..sync-manifest.json.*.tmp", instance, jobId);
                return;
            case KillMoment.RandomDelay:
                // The moment is the test's input, not a wait for something.
                await Task.Delay(random.Next(0, 1500));
                return;
            case KillMoment.AfterTheEnd:
                await WaitForEndAsync(instance, jobId);
                return;
        }
    }

    /// <summary>Returns as soon as a file matching <paramref name="pattern"/> appears, or the job has ended.</summary>
    private static async Task UntilFileOrEndAsync(string directory, string pattern, ServiceInstance instance, string jobId)
    {
        Directory.CreateDirectory(directory);
        var appeared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(directory, pattern) { EnableRaisingEvents = true };
        watcher.Created += (_, _) => appeared.TrySetResult();
        if (Directory.EnumerateFiles(directory, pattern).Any())
        {
            return;
        }

        var ended = WaitForEndAsync(instance, jobId);
        await Task.WhenAny(appeared.Task, ended).Guarded();
    }

    private static async Task<string> WaitForEndAsync(ServiceInstance instance, string jobId)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Guard);
        while (true)
        {
            var status = await JobStatusAsync(instance, jobId);
            if (status != "running")
            {
                return status;
            }

            // The service offers no completion signal over REST; this polls the job a caller would poll.
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<string> JobStatusAsync(ServiceInstance instance, string jobId)
    {
        using var response = await instance.Client.GetAsync(new Uri($"/api/sync/jobs/{jobId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("status").GetString()!;
    }
}
