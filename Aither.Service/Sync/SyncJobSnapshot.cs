namespace Aither.Service.Sync;

/// <summary>The state of a sync job.</summary>
public enum SyncJobStatus
{
    Running,
    Success,
    Failed,
}

/// <summary>One error of a sync. The message is meant for operators: no secrets, no participant texts.</summary>
public sealed record SyncJobError(string Entity, string Message, DateTimeOffset Timestamp);

/// <summary>An immutable view of a sync job, running or finished.</summary>
public sealed record SyncJobSnapshot(
    string JobId,
    SyncJobStatus Status,
    bool Force,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    long? DurationMs,
    string? CourseId,
    bool NoUpcomingCourse,
    int ParticipantsFetched,
    int FilesGenerated,
    int FilesSkipped,
    IReadOnlyList<SyncJobError> Errors);
