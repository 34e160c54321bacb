using Aither.Service.State;

namespace Aither.Service.Sync;

/// <summary>
/// The pipeline's handle on the job it runs: progress reporting and the output commit gate.
/// </summary>
public sealed class SyncRun
{
    private readonly SyncJob _job;
    private readonly Lock _commitLock = new();
    private bool _revoked;
    private StoredPageChange _page = StoredPageChange.None;

    internal SyncRun(SyncJob job)
    {
        _job = job;
    }

    public string JobId => _job.JobId;

    /// <summary>Regenerate even when the content is unchanged.</summary>
    public bool Force => _job.Force;

    /// <summary>The sync has begun <paramref name="phase"/>; phases only move forward.</summary>
    public void ReportPhase(SyncJobPhase phase) => _job.Update(j => j.Phase = phase > j.Phase ? phase : j.Phase);

    /// <summary>The pages of Hemera's course list fetched so far.</summary>
    public void ReportCoursePagesFetched(int pages) => _job.Update(j => j.CoursePagesFetched = Math.Max(j.CoursePagesFetched, pages));

    public void ReportCourse(string courseId) => _job.Update(j => j.CourseId = courseId);

    /// <summary>No upcoming course: once the job's success is recorded, every instance shows the placeholder.</summary>
    public void ReportNoUpcomingCourse()
    {
        _job.Update(j => j.NoUpcomingCourse = true);
        SetPage(new StoredPageChange.NoUpcomingCourse(JobId));
    }

    /// <summary>
    /// The page was written (and committed): <paramref name="content"/> reads its bytes as on disk. The run owns it
    /// from here and disposes it once the job's end is recorded.
    /// </summary>
    public void ReportPageWritten(PageContent content) => SetPage(new StoredPageChange.Replace(JobId, content));

    /// <summary>The page on disk is unchanged, as <paramref name="pageJobId"/> wrote it; <paramref name="load"/> opens it should the store not have it.</summary>
    public void ReportPageUnchanged(string pageJobId, Func<PageContent?> load) => SetPage(new StoredPageChange.KeepOrLoad(pageJobId, load));

    /// <summary>What the job's success does to the stored page; the coordinator records it only when the job succeeded.</summary>
    internal StoredPageChange PageChange
    {
        get
        {
            lock (_commitLock)
            {
                return _page;
            }
        }
    }

    public void ReportParticipantsFetched(int count) => _job.Update(j => j.ParticipantsFetched = count);

    public void ReportFileGenerated() => _job.Update(j => j.FilesGenerated++);

    public void ReportFileSkipped() => _job.Update(j => j.FilesSkipped++);

    /// <summary>
    /// Runs <paramref name="commit"/> (a rename into place, a delete) unless the job has lost its lock.
    /// A sync that timed out is revoked before the single-flight lock is released, and revocation waits for a
    /// commit in progress, so a timed-out sync can never change the output once a newer sync may run.
    /// </summary>
    /// <exception cref="OperationCanceledException">The job was revoked.</exception>
    public void Commit(Action commit)
    {
        lock (_commitLock)
        {
            if (_revoked)
            {
                throw new OperationCanceledException($"Sync {JobId} lost its lock; its output is discarded.");
            }

            commit();
        }
    }

    /// <summary>Closes the page the run reported (its file handle); call it once the job's end is recorded.</summary>
    internal void ReleasePage()
    {
        lock (_commitLock)
        {
            Release(_page);
            _page = StoredPageChange.None;
        }
    }

    private void SetPage(StoredPageChange page)
    {
        lock (_commitLock)
        {
            // A revoked run has lost its lock: what it reports now must not reach the store.
            if (_revoked)
            {
                Release(page);
                return;
            }

            Release(_page);
            _page = page;
        }
    }

    private static void Release(StoredPageChange page)
    {
        if (page is StoredPageChange.Replace replace)
        {
            replace.Content.Dispose();
        }
    }

    internal void Revoke()
    {
        lock (_commitLock)
        {
            _revoked = true;
        }
    }
}
