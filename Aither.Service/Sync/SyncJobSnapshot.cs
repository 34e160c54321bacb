namespace Aither.Service.Sync;

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
