namespace Aither.Service.Sync;

/// <summary>An immutable view of a sync job, running or finished.</summary>
/// <remarks><see cref="Phase"/> and <see cref="CoursePagesFetched"/> are its progress, shown by the job-by-id and watch answers only.</remarks>
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
    IReadOnlyList<SyncJobError> Errors,
    SyncJobPhase Phase = SyncJobPhase.None,
    int CoursePagesFetched = 0);
