namespace Aither.Client;

/// <summary>
/// Triggers Aither syncs and follows them. Register it with
/// <c>services.AddAitherSyncClient(...)</c>; every call sends the configured bearer token, has a deadline
/// (<see cref="AitherSyncClientOptions.CallTimeout"/>) and is retried while the service is UNAVAILABLE.
/// </summary>
/// <remarks>
/// Failures surface as <see cref="AitherClientException"/> or one of its subclasses
/// (<see cref="AitherAuthenticationException"/>, <see cref="AitherPermissionDeniedException"/>,
/// <see cref="AitherUnavailableException"/>, <see cref="AitherTimeoutException"/>,
/// <see cref="AitherJobReplacedException"/>); a cancelled token surfaces as <see cref="OperationCanceledException"/>.
/// The generated gRPC client <c>Aither.Sync.V1.SyncService.SyncServiceClient</c> is registered too, with the same
/// address, token, deadline and retries, for callers who want the raw contract.
/// </remarks>
public interface IAitherSyncClient
{
    /// <summary>
    /// Starts a sync in the background and returns at once. When another sync is running, none is started and the
    /// result says <see cref="AitherSyncStartOutcome.AlreadyRunning"/>: overlap is normal and not an error.
    /// </summary>
    /// <param name="force">Regenerate the page even when the course data is unchanged.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The started sync's id and start time, or <see cref="AitherSyncStartOutcome.AlreadyRunning"/>.</returns>
    /// <remarks>
    /// Safe to retry: a retried start that reaches the sync an earlier attempt began returns
    /// <see cref="AitherSyncStartOutcome.AlreadyRunning"/>.
    /// </remarks>
    Task<AitherSyncStart> StartSyncAsync(bool force = false, CancellationToken cancellationToken = default);

    /// <summary>Returns the running sync, or the last finished one; null when no sync has run since the service started.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job snapshot, or null.</returns>
    Task<AitherSyncJob?> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns one recorded sync by its id, running or finished.</summary>
    /// <param name="jobId">The id of the sync, e.g. from <see cref="StartSyncAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job snapshot; null when the service holds no sync of that id (it never ran, or it was pruned from the history).</returns>
    Task<AitherSyncJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every recorded sync, newest first, fetched page by page while the caller enumerates (the service keeps its
    /// newest <c>SYNC_HISTORY_LIMIT</c> syncs).
    /// </summary>
    /// <param name="pageSize">Jobs per call: 0 uses the service's default (20); the service reads more than 100 as 100.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The syncs, newest first.</returns>
    IAsyncEnumerable<AitherSyncJob> ListJobsAsync(int pageSize = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows a sync live: yields its state at once, then at each phase change and progress step, and its final
    /// state last (<see cref="AitherSyncEvent.IsFinal"/>), then ends. A finished sync yields its final state only.
    /// No deadline applies (the stream lasts as long as the sync); cancel the token to stop watching.
    /// </summary>
    /// <param name="jobId">The sync to follow, e.g. from <see cref="StartSyncAsync"/>; null or empty for the running sync, or the last finished one.</param>
    /// <param name="cancellationToken">Stops watching; the sync itself runs on in the service.</param>
    /// <returns>The sync's states, oldest first. Empty when <paramref name="jobId"/> is empty and the service has recorded no sync.</returns>
    /// <exception cref="AitherJobReplacedException">The service holds no sync <paramref name="jobId"/>.</exception>
    /// <exception cref="AitherUnavailableException">
    /// The service became unavailable, or the instance stopped (reason <c>SHUTTING_DOWN</c>) before the sync ended:
    /// watch again.
    /// </exception>
    /// <exception cref="AitherClientException">
    /// With <see cref="Grpc.Core.StatusCode.Unimplemented"/>: the service is older than WatchSync. The wait helpers
    /// poll instead.
    /// </exception>
    IAsyncEnumerable<AitherSyncEvent> WatchAsync(string? jobId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the sync <paramref name="jobId"/> has finished, and returns it: check
    /// <see cref="AitherSyncJob.Status"/>, a failed sync is returned, not thrown. Other syncs that start meanwhile
    /// do not matter. Follows the sync's event stream (<see cref="WatchAsync"/>), and watches again should the
    /// stream break; it polls by id only against a service without WatchSync, or after a broken stream.
    /// </summary>
    /// <param name="jobId">The id of the sync to wait for, e.g. from <see cref="StartSyncAsync"/>.</param>
    /// <param name="pollInterval">How often to ask when polling; null uses <see cref="AitherSyncClientOptions.PollInterval"/>.</param>
    /// <param name="cancellationToken">Ends the wait; there is no overall timeout otherwise.</param>
    /// <returns>The finished sync.</returns>
    /// <exception cref="AitherJobReplacedException">
    /// The service holds no sync <paramref name="jobId"/> (it was pruned from the history, or never existed), so its
    /// outcome can no longer be known. Thrown instead of waiting forever.
    /// </exception>
    Task<AitherSyncJob> WaitForCompletionAsync(string jobId, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a sync, or joins the one that is running, and waits until it has finished.
    /// </summary>
    /// <param name="force">Regenerate the page even when the course data is unchanged (ignored when joining a running sync).</param>
    /// <param name="cancellationToken">Ends the wait; the sync itself runs on in the service.</param>
    /// <returns>The finished sync, successful or failed.</returns>
    Task<AitherSyncJob> RunSyncAsync(bool force = false, CancellationToken cancellationToken = default);
}
