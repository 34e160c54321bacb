namespace Aither.Client;

/// <summary>Where a sync is, or was when it ended.</summary>
/// <param name="Phase">The step the sync is in; for a finished sync, the last step it reached.</param>
/// <param name="CoursePagesFetched">The pages of Hemera's course list fetched so far. The participants fetched are <see cref="AitherSyncJob.ParticipantsFetched"/>.</param>
public sealed record AitherSyncProgress(AitherSyncPhase Phase, int CoursePagesFetched);
