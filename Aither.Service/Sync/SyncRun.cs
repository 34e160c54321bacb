namespace Aither.Service.Sync;

/// <summary>
/// The pipeline's handle on the job it runs: progress reporting and the output commit gate.
/// </summary>
public sealed class SyncRun
{
    private readonly SyncJob _job;
    private readonly Lock _commitLock = new();
    private bool _revoked;

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

    public void ReportNoUpcomingCourse() => _job.Update(j => j.NoUpcomingCourse = true);

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

    internal void Revoke()
    {
        lock (_commitLock)
        {
            _revoked = true;
        }
    }
}
