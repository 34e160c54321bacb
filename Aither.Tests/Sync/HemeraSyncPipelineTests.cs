using System.Security.Cryptography;
using System.Text.Json;
using Aither.Service.State;
using Aither.Service.State.Sqlite;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using static Aither.Tests.Infrastructure.TestCourses;

namespace Aither.Tests.Sync;

public sealed class HemeraSyncPipelineTests : IDisposable
{
    private static readonly DateTime OldMtime = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly PipelineHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task RunAsync_FirstRun_WritesPageAndManifestAndReportsProgress()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg", userId: "u1"), Participant("Bernd Kraus", userId: "u2")]));

        var result = (await _harness.RunAsync()).Succeeded();

        Assert.Equal("course-1", result.Job.CourseId);
        Assert.False(result.Job.NoUpcomingCourse);
        Assert.Equal(2, result.Job.ParticipantsFetched);
        Assert.Equal(1, result.Job.FilesGenerated);
        Assert.Equal(0, result.Job.FilesSkipped);
        Assert.Equal([".sync-manifest.json", "courses/kommunikation-im-team.html"], _harness.OutputFiles());
        var page = File.ReadAllText(_harness.PagePath("kommunikation-im-team"));
        Assert.Contains("<h1>Kommunikation im Team</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Anna Berg", page, StringComparison.Ordinal);

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(_harness.ManifestPath));
        var root = manifest.RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("course-1", root.GetProperty("courseId").GetString());
        Assert.Equal("courses/kommunikation-im-team.html", root.GetProperty("page").GetString());
        Assert.Equal(_harness.Renderer.ComputeContentHash(Course(participants: [Participant("Anna Berg", userId: "u1"), Participant("Bernd Kraus", userId: "u2")])),
            root.GetProperty("contentHash").GetString());
        Assert.Equal(Now, root.GetProperty("generatedAt").GetDateTimeOffset());
        Assert.Equal(result.Job.JobId, root.GetProperty("jobId").GetString());
    }

    [Fact]
    public async Task RunAsync_TempFilesOfAKilledSync_AreRemovedBeforeTheWrite()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg")]));
        Directory.CreateDirectory(Path.Combine(_harness.OutputPath, "courses"));
        File.WriteAllText(Path.Combine(_harness.OutputPath, "courses", ".kommunikation-im-team.html.00112233aabbccdd.tmp"), "torn");
        File.WriteAllText(Path.Combine(_harness.OutputPath, "..sync-manifest.json.00112233aabbccdd.tmp"), "{");
        File.WriteAllText(Path.Combine(_harness.OutputPath, "courses", "notes.tmp"), "someone else's");

        (await _harness.RunAsync()).Succeeded();

        Assert.Equal([".sync-manifest.json", "courses/kommunikation-im-team.html", "courses/notes.tmp"], _harness.OutputFiles());
        Assert.Contains(_harness.Logs.Lines, l => l.Contains("output.temp-files-removed count=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_UnchangedDataTwice_SecondSkipsAndTouchesNothing()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg")]));
        (await _harness.RunAsync()).Succeeded();
        var pagePath = _harness.PagePath("kommunikation-im-team");
        File.SetLastWriteTimeUtc(pagePath, OldMtime);
        File.SetLastWriteTimeUtc(_harness.ManifestPath, OldMtime);
        var pageBefore = File.ReadAllBytes(pagePath);
        var manifestBefore = File.ReadAllBytes(_harness.ManifestPath);
        _harness.Time.Advance(TimeSpan.FromHours(1));

        var second = (await _harness.RunAsync()).Succeeded();

        Assert.Equal(0, second.Job.FilesGenerated);
        Assert.Equal(1, second.Job.FilesSkipped);
        Assert.Equal("course-1", second.Job.CourseId);
        Assert.Equal(1, second.Job.ParticipantsFetched);
        Assert.Equal(OldMtime, File.GetLastWriteTimeUtc(pagePath));
        Assert.Equal(OldMtime, File.GetLastWriteTimeUtc(_harness.ManifestPath));
        Assert.Equal(pageBefore, File.ReadAllBytes(pagePath));
        Assert.Equal(manifestBefore, File.ReadAllBytes(_harness.ManifestPath));
        Assert.Equal([".sync-manifest.json", "courses/kommunikation-im-team.html"], _harness.OutputFiles());
    }

    [Fact]
    public async Task RunAsync_TitleChanged_Regenerates()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg")]));
        (await _harness.RunAsync()).Succeeded();
        _harness.Catalog.Change("course-1", c => c with { Title = "Kommunikation im Team – Teil 2" });

        var second = (await _harness.RunAsync()).Succeeded();

        Assert.Equal(1, second.Job.FilesGenerated);
        Assert.Equal(0, second.Job.FilesSkipped);
        Assert.Contains("<h1>Kommunikation im Team – Teil 2</h1>", File.ReadAllText(_harness.PagePath("kommunikation-im-team")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OneParticipantsPreparationIntentChanged_Regenerates()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg", userId: "u1"), Participant("Bernd Kraus", userId: "u2")]));
        (await _harness.RunAsync()).Succeeded();
        _harness.Catalog.Change("course-1", c => c with
        {
            Participants = [c.Participants[0], c.Participants[1] with { PreparationIntent = "Konflikte früh ansprechen" }],
        });

        var second = (await _harness.RunAsync()).Succeeded();

        Assert.Equal(1, second.Job.FilesGenerated);
        Assert.Contains("Konflikte früh ansprechen", File.ReadAllText(_harness.PagePath("kommunikation-im-team")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ParticipantAdded_AppearsOnPage()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg", userId: "u1")]));
        (await _harness.RunAsync()).Succeeded();
        _harness.Catalog.Change("course-1", c => c with { Participants = [.. c.Participants, Participant("Carla Neu", userId: "u3")] });

        var second = (await _harness.RunAsync()).Succeeded();

        Assert.Equal(1, second.Job.FilesGenerated);
        Assert.Equal(2, second.Job.ParticipantsFetched);
        Assert.Contains("Carla Neu", File.ReadAllText(_harness.PagePath("kommunikation-im-team")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NextCourseMovesIntoPast_WritesNewPageAndRemovesOnlyTheOldOne()
    {
        _harness.Catalog
            .Put(Course(id: "course-a", slug: "kurs-a", start: Now.AddDays(1)))
            .Put(Course(id: "course-b", slug: "kurs-b", start: Now.AddDays(10)));
        (await _harness.RunAsync()).Succeeded();
        Assert.True(File.Exists(_harness.PagePath("kurs-a")));
        File.WriteAllText(Path.Combine(_harness.OutputPath, "courses", "handmade.html"), "keep");
        File.WriteAllText(Path.Combine(_harness.OutputPath, "index.html"), "keep");
        _harness.Time.Advance(TimeSpan.FromDays(2));

        var second = (await _harness.RunAsync()).Succeeded();

        Assert.Equal("course-b", second.Job.CourseId);
        Assert.Equal(1, second.Job.FilesGenerated);
        Assert.Equal([".sync-manifest.json", "courses/handmade.html", "courses/kurs-b.html", "index.html"], _harness.OutputFiles());
        Assert.Equal("keep", File.ReadAllText(Path.Combine(_harness.OutputPath, "index.html")));
        Assert.Equal("courses/kurs-b.html", _harness.Manifests.Read().Manifest?.Page);
    }

    [Fact]
    public async Task RunAsync_NoFutureCourse_SucceedsAndLeavesOutputUntouched()
    {
        _harness.Catalog.Put(Course(start: Now.AddDays(1)));
        (await _harness.RunAsync()).Succeeded();
        var pagePath = _harness.PagePath("kommunikation-im-team");
        File.SetLastWriteTimeUtc(pagePath, OldMtime);
        File.SetLastWriteTimeUtc(_harness.ManifestPath, OldMtime);
        var manifestBefore = File.ReadAllBytes(_harness.ManifestPath);
        var pageBefore = File.ReadAllBytes(pagePath);
        _harness.Time.Advance(TimeSpan.FromDays(30));

        var second = (await _harness.RunAsync()).Succeeded();

        Assert.True(second.Job.NoUpcomingCourse);
        Assert.Null(second.Job.CourseId);
        Assert.Equal(0, second.Job.FilesGenerated);
        Assert.Equal(0, second.Job.FilesSkipped);
        Assert.Equal(1, _harness.Catalog.DetailRequests);
        Assert.Equal(manifestBefore, File.ReadAllBytes(_harness.ManifestPath));
        Assert.Equal(pageBefore, File.ReadAllBytes(pagePath));
        Assert.Equal(OldMtime, File.GetLastWriteTimeUtc(pagePath));
        Assert.Equal(OldMtime, File.GetLastWriteTimeUtc(_harness.ManifestPath));
    }

    [Fact]
    public async Task RunAsync_NoCourseAtAll_WritesNothing()
    {
        var result = (await _harness.RunAsync()).Succeeded();

        Assert.True(result.Job.NoUpcomingCourse);
        Assert.Empty(_harness.OutputFiles());
    }

    [Fact]
    public async Task RunAsync_ForceWithUnchangedData_Regenerates()
    {
        _harness.Catalog.Put(Course());
        (await _harness.RunAsync()).Succeeded();
        var pagePath = _harness.PagePath("kommunikation-im-team");
        File.SetLastWriteTimeUtc(pagePath, OldMtime);

        var forced = (await _harness.RunAsync(force: true)).Succeeded();

        Assert.Equal(1, forced.Job.FilesGenerated);
        Assert.Equal(0, forced.Job.FilesSkipped);
        Assert.NotEqual(OldMtime, File.GetLastWriteTimeUtc(pagePath));
        Assert.Equal(forced.Job.JobId, _harness.Manifests.Read().Manifest?.JobId);
    }

    [Fact]
    public async Task RunAsync_ForcedFirstSync_RecordsTheContentHashSoTheNextUnforcedSyncSkips()
    {
        var course = Course();
        _harness.Catalog.Put(course);

        (await _harness.RunAsync(force: true)).Succeeded();
        var next = (await _harness.RunAsync()).Succeeded();

        Assert.Equal(_harness.Renderer.ComputeContentHash(course), _harness.Manifests.Read().Manifest?.ContentHash);
        Assert.Equal(0, next.Job.FilesGenerated);
        Assert.Equal(1, next.Job.FilesSkipped);
    }

    [Fact]
    public async Task RunAsync_PageDeletedButManifestUnchanged_Regenerates()
    {
        _harness.Catalog.Put(Course());
        (await _harness.RunAsync()).Succeeded();
        File.Delete(_harness.PagePath("kommunikation-im-team"));

        var second = (await _harness.RunAsync()).Succeeded();

        Assert.Equal(1, second.Job.FilesGenerated);
        Assert.True(File.Exists(_harness.PagePath("kommunikation-im-team")));
    }

    [Fact]
    public async Task RunAsync_RevokedRun_RenamesNothingAndLeavesNoTempFiles()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg")]));
        (await _harness.RunAsync()).Succeeded();
        var pagePath = _harness.PagePath("kommunikation-im-team");
        var pageBefore = File.ReadAllBytes(pagePath);
        var manifestBefore = File.ReadAllBytes(_harness.ManifestPath);
        _harness.Catalog.Change("course-1", c => c with { Title = "Neuer Titel" });

        var revoked = await _harness.RunAsync(force: true, beforeRun: run => run.Revoke());

        Assert.IsType<OperationCanceledException>(revoked.Failure);
        Assert.Equal(0, revoked.Job.FilesGenerated);
        Assert.Equal(pageBefore, File.ReadAllBytes(pagePath));
        Assert.Equal(manifestBefore, File.ReadAllBytes(_harness.ManifestPath));
        Assert.Equal([".sync-manifest.json", "courses/kommunikation-im-team.html"], _harness.OutputFiles());
    }

    [Fact]
    public async Task RunAsync_RevokedRunAfterCourseChange_KeepsOldPage()
    {
        _harness.Catalog
            .Put(Course(id: "course-a", slug: "kurs-a", start: Now.AddDays(1)))
            .Put(Course(id: "course-b", slug: "kurs-b", start: Now.AddDays(10)));
        (await _harness.RunAsync()).Succeeded();
        _harness.Time.Advance(TimeSpan.FromDays(2));

        var revoked = await _harness.RunAsync(beforeRun: run => run.Revoke());

        Assert.IsType<OperationCanceledException>(revoked.Failure);
        Assert.Equal([".sync-manifest.json", "courses/kurs-a.html"], _harness.OutputFiles());
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"formatVersion":99,"courseId":"course-1","page":"courses/kommunikation-im-team.html","contentHash":"0000000000000000000000000000000000000000000000000000000000000000","generatedAt":"2026-11-30T10:00:00Z","jobId":"sync-1"}""")]
    [InlineData("""{"courseId":"course-1","page":"courses/kommunikation-im-team.html","contentHash":"0000000000000000000000000000000000000000000000000000000000000000","generatedAt":"2026-11-30T10:00:00Z","jobId":"sync-1"}""")]
    public async Task RunAsync_ManifestUnreadable_PublishesCorruptedEventAndRegeneratesWithFreshManifest(string manifest)
    {
        _harness.Catalog.Put(Course());
        (await _harness.RunAsync()).Succeeded();
        File.WriteAllText(_harness.ManifestPath, manifest);

        var result = (await _harness.RunAsync()).Succeeded();

        var (path, reason) = Assert.Single(_harness.Observer.ManifestCorruptions);
        Assert.Equal(_harness.ManifestPath, path);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Contains(_harness.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("sync.manifest.corrupted", StringComparison.Ordinal));
        Assert.Equal(1, result.Job.FilesGenerated);
        var fresh = _harness.Manifests.Read();
        Assert.False(fresh.IsCorrupted);
        Assert.Equal(result.Job.JobId, fresh.Manifest?.JobId);
    }

    [Fact]
    public async Task RunAsync_ManifestMissing_RegeneratesWithoutCorruptionEvent()
    {
        _harness.Catalog.Put(Course());
        (await _harness.RunAsync()).Succeeded();
        File.Delete(_harness.ManifestPath);

        var result = (await _harness.RunAsync()).Succeeded();

        Assert.Equal(1, result.Job.FilesGenerated);
        Assert.Empty(_harness.Observer.ManifestCorruptions);
        Assert.True(File.Exists(_harness.ManifestPath));
    }

    [Fact]
    public async Task RunAsync_ManifestNamesPageOutsideCourses_IsCorruptedAndNothingIsDeleted()
    {
        var victim = _harness.Sandbox.Combine("victim.html");
        File.WriteAllText(victim, "precious");
        Directory.CreateDirectory(_harness.OutputPath);
        File.WriteAllText(_harness.ManifestPath, """{"formatVersion":1,"courseId":"old","page":"courses/../../victim.html","contentHash":"0000000000000000000000000000000000000000000000000000000000000000","generatedAt":"2026-11-30T10:00:00Z","jobId":"sync-1"}""");
        _harness.Catalog.Put(Course());

        var result = (await _harness.RunAsync()).Succeeded();

        Assert.Single(_harness.Observer.ManifestCorruptions);
        Assert.Equal(1, result.Job.FilesGenerated);
        Assert.Equal("precious", File.ReadAllText(victim));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("kurs-über-führung")]
    [InlineData("Kurs-A")]
    [InlineData("kurs\n")]
    public async Task RunAsync_UnsafeSlug_FallsBackToCourseId(string slug)
    {
        _harness.Catalog.Put(Course(id: "course-42", slug: slug));

        var result = (await _harness.RunAsync()).Succeeded();

        Assert.Equal(1, result.Job.FilesGenerated);
        Assert.Equal([".sync-manifest.json", "courses/course-42.html"], _harness.OutputFiles());
        Assert.Equal(["output"], Directory.EnumerateFileSystemEntries(_harness.Sandbox.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RunAsync_SlugAndIdBothUnsafe_FailsWithOutputErrorAndWritesNothing()
    {
        _harness.Catalog.Put(Course(id: "../Kurs 42", slug: "../../etc/passwd", participants: [Participant("Anna Berg")]));

        var result = await _harness.RunAsync();

        var failure = result.FailedWith("output");
        Assert.DoesNotContain("Anna", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("passwd", failure.Message, StringComparison.Ordinal);
        Assert.Equal("../Kurs 42", result.Job.CourseId);
        Assert.Empty(_harness.OutputFiles());
    }

    [Fact]
    public async Task RunAsync_CoursesFolderIsSymlink_RefusesAndWritesNothingOutside()
    {
        var outside = _harness.Sandbox.Combine("elsewhere");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(_harness.OutputPath);
        Directory.CreateSymbolicLink(Path.Combine(_harness.OutputPath, "courses"), outside);
        _harness.Catalog.Put(Course());

        var result = await _harness.RunAsync(force: true);

        var failure = result.FailedWith("output");
        Assert.Contains("courses", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.False(File.Exists(_harness.ManifestPath));
    }

    [Fact]
    public async Task RunAsync_PageIsSymlink_RefusesAndLeavesLinkTargetAlone()
    {
        var outside = _harness.Sandbox.Combine("target.html");
        File.WriteAllText(outside, "precious");
        Directory.CreateDirectory(Path.Combine(_harness.OutputPath, "courses"));
        File.CreateSymbolicLink(_harness.PagePath("kommunikation-im-team"), outside);
        _harness.Catalog.Put(Course());

        var result = await _harness.RunAsync();

        result.FailedWith("output");
        Assert.Equal("precious", File.ReadAllText(outside));
        Assert.NotNull(new FileInfo(_harness.PagePath("kommunikation-im-team")).LinkTarget);
        Assert.Equal(["courses/kommunikation-im-team.html"], _harness.OutputFiles());
    }

    [Fact]
    public async Task RunAsync_ManifestCannotBeReplaced_FailsWithManifestEntityAndNoTempLeft()
    {
        Directory.CreateDirectory(_harness.ManifestPath);
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg")]));

        var result = await _harness.RunAsync();

        var failure = result.FailedWith("manifest");
        Assert.Equal("Could not write .sync-manifest.json: IOException", failure.Message);
        Assert.Single(_harness.Observer.ManifestCorruptions);
        Assert.Equal(["courses/kommunikation-im-team.html"], _harness.OutputFiles());
    }

    [Fact]
    public async Task RunAsync_CatalogFails_PropagatesHemeraError()
    {
        _harness.Catalog.CoursesFailure = new SyncFailedException("hemera.courses", "Hemera answered 503");

        var result = await _harness.RunAsync();

        result.FailedWith("hemera.courses");
        Assert.Empty(_harness.OutputFiles());
    }

    [Fact]
    public async Task RunAsync_EarlierCourseWithoutStartDate_SelectsDatedCourse()
    {
        _harness.Catalog
            .Put(Course(id: "undated", slug: "undated") with { StartDate = null })
            .Put(Course(id: "dated", slug: "dated", start: Now.AddDays(3)));

        var result = (await _harness.RunAsync()).Succeeded();

        Assert.Equal("dated", result.Job.CourseId);
        Assert.Equal([".sync-manifest.json", "courses/dated.html"], _harness.OutputFiles());
    }

    [Fact]
    public async Task RunAsync_AnyRun_LogsNoParticipantText()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Geheime Person", intent: "Geheime Absicht")]));

        (await _harness.RunAsync()).Succeeded();
        (await _harness.RunAsync()).Succeeded();

        Assert.NotEmpty(_harness.Logs.Lines);
        Assert.DoesNotContain(_harness.Logs.Lines, l => l.Contains("Geheime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_PageWritten_TheStoreGetsTheFileBytesWithTheirHash()
    {
        var intent = new string('x', 2_000);
        _harness.Catalog.Put(Course(participants: Enumerable.Range(1, 1_500).Select(i => Participant($"Teilnehmer {i}", userId: $"u{i}", intent: intent)).ToArray()));
        var store = await StoreAsync();

        var result = (await _harness.RunAsync(afterRun: run => RecordEndAsync(store, run))).Succeeded();

        var file = File.ReadAllBytes(_harness.PagePath("kommunikation-im-team"));
        Assert.True(file.Length > 3_000_000, $"The page has {file.Length} bytes.");
        var stored = await store.GetPageAsync(default);
        Assert.NotNull(stored);
        Assert.Equal(result.Job.JobId, stored.JobId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), stored.Sha256);
        Assert.True(file.AsSpan().SequenceEqual(stored.Html), "The stored page differs from the file.");
    }

    [Fact]
    public async Task RunAsync_PublishedPageReplacedBeforeTheEndIsRecorded_TheStoreGetsTheBytesThatWereHashed()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg")]));
        var store = await StoreAsync();
        var pagePath = _harness.PagePath("kommunikation-im-team");
        byte[]? written = null;

        (await _harness.RunAsync(afterRun: async run =>
        {
            written = await File.ReadAllBytesAsync(pagePath);
            // As a later sync would: a new file renamed over the published page.
            var replacement = _harness.Sandbox.Combine("replacement.html");
            await File.WriteAllTextAsync(replacement, "<!DOCTYPE html><p>Bernd Kraus</p>");
            File.Move(replacement, pagePath, overwrite: true);
            await RecordEndAsync(store, run);
        })).Succeeded();

        var stored = await store.GetPageAsync(default);
        Assert.Equal(written, stored!.Html);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(written!)), stored.Sha256);
    }

    [Fact]
    public async Task RunAsync_PublishedPageChangedInPlaceBeforeTheEndIsRecorded_NothingIsStored()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg")]));
        var store = await StoreAsync();
        var pagePath = _harness.PagePath("kommunikation-im-team");
        Exception? failure = null;

        (await _harness.RunAsync(afterRun: async run =>
        {
            var bytes = await File.ReadAllBytesAsync(pagePath);
            bytes[^2] ^= 1;
            await File.WriteAllBytesAsync(pagePath, bytes);
            failure = await Record.ExceptionAsync(() => RecordEndAsync(store, run));
        })).Succeeded();

        Assert.IsType<IOException>(failure);
        Assert.Null(await store.GetPageAsync(default));
    }

    [Fact]
    public async Task RunAsync_UnchangedPageTheStoreLacks_TheStoreGetsTheFileFromDisk()
    {
        _harness.Catalog.Put(Course(participants: [Participant("Anna Berg")]));
        var first = (await _harness.RunAsync()).Succeeded();
        var store = await StoreAsync();

        (await _harness.RunAsync(afterRun: run => RecordEndAsync(store, run))).Succeeded();

        var file = File.ReadAllBytes(_harness.PagePath("kommunikation-im-team"));
        var stored = await store.GetPageAsync(default);
        Assert.NotNull(stored);
        Assert.Equal(first.Job.JobId, stored.JobId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), stored.Sha256);
        Assert.Equal(file, stored.Html);
    }

    private async Task<ISyncJobStore> StoreAsync()
    {
        var store = new SqliteSyncJobStore(_harness.Sandbox.Combine("state", "aither.db"));
        await store.InitializeAsync(default);
        return store;
    }

    /// <summary>What the coordinator does once the run succeeded: record its end with the run's page change.</summary>
    private static async Task RecordEndAsync(ISyncJobStore store, SyncRun run)
    {
        var (job, _) = await store.StartJobAsync(new SyncJobStart(Now, false), default);
        await store.RecordEndAsync(job with { Status = SyncJobStatus.Success, EndTime = Now, DurationMs = 0 }, run.PageChange, 10, default);
    }
}
