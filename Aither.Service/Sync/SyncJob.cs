namespace Aither.Service.Sync;

/// <summary>The mutable state of one job; every change and every read goes through its lock.</summary>
/// <param name="changed">
/// Told about every progress change, under the lock and so in order: the job after it, and whether its phase
/// changed. Must be quick and must not throw. Not told about the end, which the coordinator publishes once recorded.
/// </param>
internal sealed class SyncJob(string jobId, DateTimeOffset startTime, bool force, Action<SyncJobSnapshot, bool>? changed = null)
{
    private readonly Lock _lock = new();
    private readonly List<SyncJobError> _errors = [];

    public string JobId { get; } = jobId;
    public bool Force { get; } = force;
    public DateTimeOffset StartTime { get; } = startTime;
    public SyncJobStatus Status { get; private set; } = SyncJobStatus.Running;
    public DateTimeOffset? EndTime { get; private set; }
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
            if (Status != SyncJobStatus.Running)
            {
                return;
            }

            var before = Snapshot();
            change(this);
            var after = Snapshot();
            // Errors only change at the end; each snapshot has its own copy of the list.
            if (changed is not null && after with { Errors = before.Errors } != before)
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
            if (Status != SyncJobStatus.Running)
            {
                return;
            }

            Status = status;
            EndTime = endTime;
            if (error is not null)
            {
                _errors.Add(error);
            }
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
        Status,
        Force,
        StartTime,
        EndTime,
        EndTime is { } end ? (long)(end - StartTime).TotalMilliseconds : null,
        CourseId,
        NoUpcomingCourse,
        ParticipantsFetched,
        FilesGenerated,
        FilesSkipped,
        _errors.ToArray(),
        Phase,
        CoursePagesFetched);
}
