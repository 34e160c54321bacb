using Grpc.Core;

namespace Aither.Client;

/// <summary>
/// <see cref="IAitherSyncClient.WaitForCompletionAsync"/> can no longer follow a sync: the service keeps no record
/// of it (pruned from the history; with a service older than GetSyncJob, replaced by a newer sync). Its outcome is
/// unknown. Carries <see cref="StatusCode.NotFound"/>: the awaited job is no longer found.
/// </summary>
public sealed class AitherJobReplacedException : AitherClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The id of the sync that was awaited.</param>
    /// <param name="currentJob">The sync the service reports now; null when it reports none.</param>
    public AitherJobReplacedException(string jobId, AitherSyncJob? currentJob)
        : base(
            currentJob is null
                ? $"Sync {jobId} can no longer be followed: the service holds no record of it (pruned from the history, or unknown)."
                : $"Sync {jobId} can no longer be followed: the service now reports another sync, {currentJob.JobId} ({currentJob.Status}), and keeps only its latest one.",
            StatusCode.NotFound)
    {
        JobId = jobId;
        CurrentJob = currentJob;
    }

    /// <summary>The id of the sync that was awaited.</summary>
    public string JobId { get; }

    /// <summary>The sync the service reports now; null when it reports none.</summary>
    public AitherSyncJob? CurrentJob { get; }
}
