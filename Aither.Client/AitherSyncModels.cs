using System.Diagnostics.CodeAnalysis;

namespace Aither.Client;

/// <summary>The state of a sync.</summary>
public enum AitherSyncStatus
{
    /// <summary>A state this version of the client does not know (sent by a newer service).</summary>
    Unknown = 0,

    /// <summary>The sync is running.</summary>
    Running = 1,

    /// <summary>The sync finished without errors (also when there was no upcoming course).</summary>
    Success = 2,

    /// <summary>The sync failed, timed out or was cancelled; see <see cref="AitherSyncJob.Errors"/>.</summary>
    Failed = 3,
}

/// <summary>Whether <see cref="IAitherSyncClient.StartSyncAsync"/> started a sync.</summary>
public enum AitherSyncStartOutcome
{
    /// <summary>A new sync was started.</summary>
    Started = 1,

    /// <summary>Another sync was running, so none was started. Overlapping triggers are normal.</summary>
    AlreadyRunning = 2,
}

/// <summary>The answer to a start request: a started sync, or the news that one is already running.</summary>
/// <param name="Outcome">Whether a sync was started.</param>
/// <param name="JobId">
/// The id of the started sync (<c>sync-&lt;unix milliseconds&gt;</c>), or of the sync that was already running when the
/// service names it (it does since the ErrorInfo carries <c>jobId</c>); null otherwise.
/// </param>
/// <param name="StartTime">When the started sync began; null when one was already running.</param>
public sealed record AitherSyncStart(AitherSyncStartOutcome Outcome, string? JobId, DateTimeOffset? StartTime)
{
    /// <summary>True when this request started a sync; <see cref="JobId"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(JobId))]
    public bool IsStarted => Outcome == AitherSyncStartOutcome.Started;

    /// <summary>True when another sync was running and none was started.</summary>
    public bool IsAlreadyRunning => Outcome == AitherSyncStartOutcome.AlreadyRunning;
}

/// <summary>One sync, running or finished.</summary>
/// <param name="JobId">The id of the sync: <c>sync-&lt;unix milliseconds&gt;</c>.</param>
/// <param name="Status">The state of the sync.</param>
/// <param name="StartTime">When the sync started.</param>
/// <param name="EndTime">When the sync ended; null while it runs.</param>
/// <param name="Duration">How long the sync took; null while it runs.</param>
/// <param name="CourseId">The Hemera id of the selected course; null until one is selected and when there is no upcoming course.</param>
/// <param name="NoUpcomingCourse">True when Hemera lists no course that starts in the future.</param>
/// <param name="ParticipantsFetched">The number of participants fetched for the selected course.</param>
/// <param name="FilesGenerated">The number of HTML files written.</param>
/// <param name="FilesSkipped">The number of HTML files left as they were because their content was unchanged.</param>
/// <param name="Errors">What went wrong; empty for a successful sync.</param>
public sealed record AitherSyncJob(
    string JobId,
    AitherSyncStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    TimeSpan? Duration,
    string? CourseId,
    bool NoUpcomingCourse,
    int ParticipantsFetched,
    int FilesGenerated,
    int FilesSkipped,
    IReadOnlyList<AitherSyncError> Errors)
{
    /// <summary>True while the sync runs.</summary>
    public bool IsRunning => Status == AitherSyncStatus.Running;

    /// <summary>True once the sync has ended, successfully or not.</summary>
    public bool IsFinished => Status is AitherSyncStatus.Success or AitherSyncStatus.Failed;

    /// <summary>True when the sync ended without errors.</summary>
    public bool Succeeded => Status == AitherSyncStatus.Success;
}

/// <summary>One error of a sync. Never holds secrets or participant texts.</summary>
/// <param name="Entity">What the error is about: <c>sync</c>, <c>hemera.courses</c>, <c>hemera.course-detail</c>, <c>render</c>, <c>output</c> or <c>manifest</c>.</param>
/// <param name="Message">What went wrong, for an operator.</param>
/// <param name="Timestamp">When the error was recorded.</param>
public sealed record AitherSyncError(string Entity, string Message, DateTimeOffset Timestamp);
