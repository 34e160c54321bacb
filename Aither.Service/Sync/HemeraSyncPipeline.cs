using Aither.Service.Hemera;
using Aither.Service.Output;
using Aither.Service.Rendering;
using Aither.Service.State;

namespace Aither.Service.Sync;

/// <summary>
/// One sync: select the next course, fetch it, and bring <c>courses/&lt;slug&gt;.html</c> and the manifest up to
/// date. Unchanged content is not rewritten. Everything is written to flushed temporary files first; the renames
/// and the removal of the previous course's page happen inside <see cref="SyncRun.Commit"/>, page before
/// manifest, so the manifest never names a page that was not written.
/// </summary>
public sealed partial class HemeraSyncPipeline(
    IServiceScopeFactory scopes,
    OutputDirectory output,
    ManifestStore manifests,
    AtomicFileWriter writer,
    StaleTempFiles staleTempFiles,
    SyncEvents events,
    TimeProvider time,
    ILogger<HemeraSyncPipeline> logger) : ISyncPipeline
{
    private const string OutputEntity = SyncErrorEntities.Output;
    private const string ManifestEntity = SyncErrorEntities.Manifest;

    public async Task RunAsync(SyncRun run, CancellationToken cancellationToken)
    {
        // Resolved per run rather than held for the process's life: the typed Hemera client is meant to be short-lived
        // (IHttpClientFactory rotates its handlers), and neither it nor the renderer is built before the first sync.
        await using var scope = scopes.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<IHemeraCatalog>();
        var renderer = scope.ServiceProvider.GetRequiredService<CoursePageRenderer>();
        run.ReportPhase(SyncJobPhase.FetchingCourses);
        var courses = await catalog.GetCoursesAsync(new CoursePagesFetched(run), cancellationToken).ConfigureAwait(false);
        var next = CourseSelector.SelectNext(courses, time.GetUtcNow());
        if (next is null)
        {
            run.ReportNoUpcomingCourse();
            Log.NoUpcomingCourse(logger, run.JobId, courses.Count);
            return;
        }

        run.ReportCourse(next.Id);
        run.ReportPhase(SyncJobPhase.FetchingDetail);
        var course = await catalog.GetCourseDetailAsync(next.Id, cancellationToken).ConfigureAwait(false);
        run.ReportParticipantsFetched(course.Participants.Count);
        cancellationToken.ThrowIfCancellationRequested();

        run.ReportPhase(SyncJobPhase.Rendering);
        var page = PageFileNames.RelativePath(PageFileNames.ForCourse(course.Slug, course.Id));
        var pagePath = output.PagePath(page);
        var ordered = new OrderedCourse(course);
        var previous = ReadManifest();
        Task<string> contentHash;
        if (run.Force)
        {
            // A forced sync writes whatever the hash says, which then only goes into the manifest: it is computed on
            // the second core while the page renders.
            contentHash = Task.Run(() => renderer.ComputeContentHash(ordered), cancellationToken);
        }
        else
        {
            var hash = renderer.ComputeContentHash(ordered);
            if (previous is { } manifest
                && manifest.CourseId == course.Id
                && manifest.Page == page
                && manifest.ContentHash == hash
                && OutputDirectory.IsPlainFile(pagePath))
            {
                run.ReportFileSkipped();
                run.ReportPageUnchanged(manifest.JobId, () => ReadPage(manifest.JobId, pagePath));
                Log.PageUnchanged(logger, run.JobId, course.Id, page);
                return;
            }

            contentHash = Task.FromResult(hash);
        }

        await WritePageAsync(run, renderer, ordered, page, pagePath, contentHash, previous, cancellationToken).ConfigureAwait(false);
        run.ReportFileGenerated();
        Log.PageWritten(logger, run.JobId, course.Id, page, run.Force, course.Participants.Count);
    }

    private SyncManifest? ReadManifest()
    {
        var result = manifests.Read();
        if (result.IsCorrupted)
        {
            Log.ManifestCorrupted(logger, manifests.Path, result.CorruptionReason!);
            events.ManifestCorrupted(manifests.Path, result.CorruptionReason!);
        }

        return result.Manifest;
    }

    private async Task WritePageAsync(
        SyncRun run,
        CoursePageRenderer renderer,
        OrderedCourse course,
        string page,
        string pagePath,
        Task<string> contentHash,
        SyncManifest? previous,
        CancellationToken cancellationToken)
    {
        output.PreparePagesFolder();
        // The coordinator's single-flight gate is held here, so no live sync of this process has a staged file.
        staleTempFiles.Remove();
        output.EnsureNotLink(pagePath, page);
        output.EnsureNotLink(manifests.Path, OutputDirectory.ManifestFileName);
        var stalePage = previous is not null && previous.Page != page ? previous.Page : null;
        var stalePath = stalePage is null ? null : output.PagePath(stalePage);

        var generatedAt = time.GetUtcNow();
        (long Length, string Sha256) written = (0, "");
        using var stagedPage = Io(OutputEntity, page, () => writer.Stage(pagePath, stream =>
        {
            // Hashed on its way to disk, for the copy in the state store: the page is never read back into memory.
            using var hashing = new Sha256WriteStream(stream);
            renderer.Render(course, generatedAt, hashing);
            written = (hashing.BytesWritten, hashing.Sha256);
        }));
        run.ReportPhase(SyncJobPhase.Writing);
        var hash = await contentHash.ConfigureAwait(false);
        using var stagedManifest = Io(
            ManifestEntity,
            OutputDirectory.ManifestFileName,
            () => manifests.Stage(new SyncManifest(course.Course.Id, page, hash, generatedAt, run.JobId)));
        // A handle of its own on the file just hashed: it outlives the rename below and any later replacement of the
        // published page, so the store streams exactly these bytes once the job's end is recorded.
        var content = Io(OutputEntity, page, () => PageContent.Hashed(OpenForReading(stagedPage.TempPath), written.Length, written.Sha256));
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            run.Commit(() =>
            {
                // Checked again right before the rename: the folder could have been swapped for a link meanwhile.
                output.EnsureNotLink(output.CoursesPath, PageFileNames.CoursesFolder);
                Io(OutputEntity, page, stagedPage.Publish);
                if (stalePath is not null && (File.Exists(stalePath) || new FileInfo(stalePath).LinkTarget is not null))
                {
                    // A link is removed itself, never its target.
                    Io(OutputEntity, stalePage!, () => File.Delete(stalePath), "remove");
                    Log.StalePageRemoved(logger, run.JobId, stalePage!);
                }

                Io(ManifestEntity, OutputDirectory.ManifestFileName, stagedManifest.Publish);
            });
        }
        catch
        {
            content.Dispose();
            throw;
        }

        run.ReportPageWritten(content);
    }

    /// <summary>The unchanged page on disk, for a store that does not have it yet; null when it cannot be read (the store keeps what it has).</summary>
    private PageContent? ReadPage(string jobId, string pagePath)
    {
        FileStream? file = null;
        try
        {
            file = OpenForReading(pagePath);
            return PageContent.Hash(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            Log.PageUnreadable(logger, jobId, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Read-only, and lets the file be renamed over or deleted while it is open.</summary>
    private static FileStream OpenForReading(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);

    private static T Io<T>(string entity, string relativePath, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SyncFailedException(entity, $"Could not write {relativePath}: {ex.GetType().Name}", ex);
        }
    }

    private static void Io(string entity, string relativePath, Action action, string verb = "write")
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SyncFailedException(entity, $"Could not {verb} {relativePath}: {ex.GetType().Name}", ex);
        }
    }

    /// <summary>Hands the catalogue's page count straight to the run, on the fetching thread and in order.</summary>
    private sealed class CoursePagesFetched(SyncRun run) : IProgress<int>
    {
        public void Report(int value) => run.ReportCoursePagesFetched(value);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 101, EventName = "HemeraSyncPipeline.NoUpcomingCourse", Level = LogLevel.Information,
            Message = "sync.no-upcoming-course jobId={JobId} coursesListed={CoursesListed}; output left untouched")]
        public static partial void NoUpcomingCourse(ILogger logger, string jobId, int coursesListed);

        [LoggerMessage(EventId = 102, EventName = "HemeraSyncPipeline.PageUnchanged", Level = LogLevel.Information,
            Message = "sync.page-unchanged jobId={JobId} courseId={CourseId} page={Page}")]
        public static partial void PageUnchanged(ILogger logger, string jobId, string courseId, string page);

        [LoggerMessage(EventId = 103, EventName = "HemeraSyncPipeline.PageWritten", Level = LogLevel.Information,
            Message = "sync.page-written jobId={JobId} courseId={CourseId} page={Page} force={Force} participants={Participants}")]
        public static partial void PageWritten(ILogger logger, string jobId, string courseId, string page, bool force, int participants);

        [LoggerMessage(EventId = 104, EventName = "HemeraSyncPipeline.StalePageRemoved", Level = LogLevel.Information,
            Message = "sync.page-removed jobId={JobId} page={Page} (previous course)")]
        public static partial void StalePageRemoved(ILogger logger, string jobId, string page);

        [LoggerMessage(EventId = 105, EventName = "HemeraSyncPipeline.ManifestCorrupted", Level = LogLevel.Warning,
            Message = "sync.manifest.corrupted path={Path} reason={Reason}; regenerating in full")]
        public static partial void ManifestCorrupted(ILogger logger, string path, string reason);

        [LoggerMessage(EventId = 106, EventName = "HemeraSyncPipeline.PageUnreadable", Level = LogLevel.Warning,
            Message = "sync.page-unreadable pageJobId={PageJobId} error={Error}; the state store keeps the page it has")]
        public static partial void PageUnreadable(ILogger logger, string pageJobId, string error);
    }
}
