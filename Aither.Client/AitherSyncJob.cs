using System.Diagnostics.CodeAnalysis;

namespace Aither.Client;

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
