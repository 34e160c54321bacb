using Aither.Service.Sync;

namespace Aither.Service.State;

/// <summary>
/// Where sync jobs are kept: the job rows (newest first by id) and the sync lock that makes one sync run at a
/// time across every process that shares the store. One class per provider; SQL lives in the provider.
/// </summary>
/// <remarks>
/// The lock and the rows work together: a row that says <c>running</c> while nobody holds the lock belongs to a
/// process that died. Whoever holds the lock may therefore fail every running row (<see cref="MarkInterruptedAsync"/>),
/// and records a job's end before it lets the lock go.
/// </remarks>
public interface ISyncJobStore
{
    /// <summary>Opens the store and brings its schema up to date. Throws <see cref="StateStoreException"/> when it cannot.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Takes the sync lock without waiting; null when another holder has it.</summary>
    Task<ISyncLockLease?> TryAcquireLockAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the row of a new running job. Call it holding the lock. The store names the job
    /// (<c>sync-&lt;unix ms&gt;</c>, above every id it holds). When <see cref="SyncJobStart.ScheduleSlot"/> already
    /// has a job, nothing is written and that job is returned with <c>Created = false</c>.
    /// </summary>
    Task<(SyncJobSnapshot Job, bool Created)> StartJobAsync(SyncJobStart start, CancellationToken cancellationToken);

    /// <summary>
    /// Records the end of a job (its final status, times, counters and errors), applies <paramref name="page"/> to
    /// the stored page and prunes the history to <paramref name="historyLimit"/> jobs, all in one transaction: the
    /// page every instance serves changes exactly when the job's success is recorded.
    /// </summary>
    Task RecordEndAsync(SyncJobSnapshot job, StoredPageChange page, int historyLimit, CancellationToken cancellationToken);

    /// <summary>Which page is stored, without its bytes; null when no successful sync has stored one.</summary>
    Task<StoredPageVersion?> GetPageVersionAsync(CancellationToken cancellationToken);

    /// <summary>The stored page; null when no successful sync has stored one.</summary>
    Task<StoredPage?> GetPageAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records the progress of a running job (phase, counters, course) so other instances can report it; does nothing
    /// once the job's end is recorded. Call it from the instance that runs the job.
    /// </summary>
    Task RecordProgressAsync(SyncJobSnapshot job, CancellationToken cancellationToken);

    /// <summary>The newest job, running or finished; null when there is none.</summary>
    Task<SyncJobSnapshot?> GetLatestAsync(CancellationToken cancellationToken);

    /// <summary>The newest job whose row says <c>running</c>; null when there is none.</summary>
    Task<SyncJobSnapshot?> GetRunningAsync(CancellationToken cancellationToken);

    /// <summary>One job by id; null when there is no such job (any more).</summary>
    Task<SyncJobSnapshot?> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> jobs, newest first, older than <paramref name="afterJobId"/> when it is given.</summary>
    Task<IReadOnlyList<SyncJobSnapshot>> ListAsync(string? afterJobId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Fails every row still saying <c>running</c> with a <c>sync</c> error saying its instance stopped, ending at
    /// <paramref name="now"/>. Call it holding the lock. Returns the ids of the jobs it failed.
    /// </summary>
    Task<IReadOnlyList<string>> MarkInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>For readiness: the store can be written (SQLite) or reached (PostgreSQL). Never throws; a message when not.</summary>
    Task<string?> ProbeAsync(CancellationToken cancellationToken);
}
