namespace Aither.Service.Sync;

/// <summary>
/// The mutable state of one job; every change and every read goes through its lock. Ending it freezes it, but its
/// snapshot says running until the coordinator has recorded the end (<see cref="EndSnapshot"/>), so no reader sees
/// it ended while a new sync would still be refused.
/// </summary>
/// <param name="changed">
/// Told about every progress change, under the lock and so in order: the job after it, and whether its phase
/// changed. Must be quick and must not throw. Not told about the end, which the coordinator publishes once recorded.
/// </param>
internal sealed class SyncJob(string jobId, DateTimeOffset startTime, bool force, Action<SyncJobSnapshot, bool>? changed = null)
{
    private readonly Lock _lock = new();

    public string JobId { get; } = jobId;
    public bool Force { get; } = force;
    public DateTimeOffset StartTime { get; } = startTime;
    private (SyncJobStatus Status, DateTimeOffset Time, SyncJobError? Error)? _end;

    public string? CourseId { get; set; }
    public bool NoUpcomingCourse { get; set; }
    public int ParticipantsFetched { get; set; }
    public int FilesGenerated { get; set; }
    public int FilesSkipped { get; set; }
    public SyncJobPhase Phase { get; set; }
    public int CoursePagesFetched { get; set; }

    public void Update(Action<SyncJob> change)
    {
        lock (_lock)
        {
            // A finished job is frozen: a pipeline that ignored its cancellation cannot rewrite history.
            if (_end is not null)
            {
                return;
            }

            var before = Snapshot();
            change(this);
            var after = Snapshot();
            if (changed is not null && after != before)
            {
                changed(after, after.Phase != before.Phase);
            }
        }
    }

    public void Succeed(DateTimeOffset endTime) => Finish(SyncJobStatus.Success, endTime, null);

    public void Fail(DateTimeOffset endTime, SyncJobError error) => Finish(SyncJobStatus.Failed, endTime, error);

    private void Finish(SyncJobStatus status, DateTimeOffset endTime, SyncJobError? error)
    {
        lock (_lock)
        {
            _end ??= (status, endTime, error);
        }
    }

    /// <summary>The job as it ended, to be recorded; null while it runs.</summary>
    public SyncJobSnapshot? EndSnapshot()
    {
        lock (_lock)
        {
            return _end is { } end
                ? Snapshot() with
                {
                    Status = end.Status,
                    EndTime = end.Time,
                    DurationMs = (long)(end.Time - StartTime).TotalMilliseconds,
                    Errors = end.Error is null ? [] : [end.Error],
                }
                : null;
        }
    }

    public SyncJobSnapshot ToSnapshot()
    {
        lock (_lock)
        {
            return Snapshot();
        }
    }

    /// <summary>Call under <see cref="_lock"/>.</summary>
    private SyncJobSnapshot Snapshot() => new(
        JobId,
        SyncJobStatus.Running,
        Force,
        StartTime,
        null,
        null,
        CourseId,
        NoUpcomingCourse,
        ParticipantsFetched,
        FilesGenerated,
        FilesSkipped,
        [],
        Phase,
        CoursePagesFetched);
}
