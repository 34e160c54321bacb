namespace Aither.Client;

/// <summary>One event of <see cref="IAitherSyncClient.WatchAsync"/>: the whole state of the sync at that moment.</summary>
/// <param name="Job">The sync.</param>
/// <param name="Progress">Where the sync is, or was when it ended.</param>
public sealed record AitherSyncEvent(AitherSyncJob Job, AitherSyncProgress Progress)
{
    /// <summary>True for the last event of a watch: the sync has ended, <see cref="Job"/> is its final state.</summary>
    public bool IsFinal => Job.IsFinished;
}
