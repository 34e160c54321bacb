namespace Aither.Service.Sync;

/// <summary>The mutable state of one job; every change and every read goes through its lock.</summary>
internal sealed class SyncJob(string jobId, DateTimeOffset startTime, bool force)
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

    public void Update(Action<SyncJob> change)
    {
        lock (_lock)
        {
            // A finished job is frozen: a pipeline that ignored its cancellation cannot rewrite history.
            if (Status == SyncJobStatus.Running)
            {
                change(this);
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
            return new SyncJobSnapshot(
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
                _errors.ToArray());
        }
    }
}
