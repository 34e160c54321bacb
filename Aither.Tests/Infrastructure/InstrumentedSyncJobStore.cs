using Aither.Service.State;
using Aither.Service.Sync;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// A real store with hooks for tests: it counts page reads and, while <see cref="Failure"/> is set, throws it from
/// them; while <see cref="EndRecording"/> is set, recording a job's end waits for it.
/// </summary>
internal sealed class InstrumentedSyncJobStore(ISyncJobStore inner) : ISyncJobStore
{
    public Exception? Failure { get; set; }

    private readonly TaskCompletionSource _endReached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Recording an end starts once this task completes.</summary>
    public Task? EndRecording { get; set; }

    /// <summary>Completes when a job's end is first to be recorded.</summary>
    public Task EndReached => _endReached.Task;

    public int VersionReads { get; private set; }

    public int PageReads { get; private set; }

    public Task<StoredPageVersion?> GetPageVersionAsync(CancellationToken cancellationToken)
    {
        VersionReads++;
        return Failure is { } failure ? Task.FromException<StoredPageVersion?>(failure) : inner.GetPageVersionAsync(cancellationToken);
    }

    public Task<StoredPage?> GetPageAsync(CancellationToken cancellationToken)
    {
        PageReads++;
        return Failure is { } failure ? Task.FromException<StoredPage?>(failure) : inner.GetPageAsync(cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<ISyncLockLease?> TryAcquireLockAsync(CancellationToken cancellationToken) => inner.TryAcquireLockAsync(cancellationToken);

    public Task<(SyncJobSnapshot Job, bool Created)> StartJobAsync(SyncJobStart start, CancellationToken cancellationToken) => inner.StartJobAsync(start, cancellationToken);

    public async Task RecordEndAsync(SyncJobSnapshot job, StoredPageChange page, int historyLimit, CancellationToken cancellationToken)
    {
        _endReached.TrySetResult();
        if (EndRecording is { } gate)
        {
            await gate;
        }

        await inner.RecordEndAsync(job, page, historyLimit, cancellationToken);
    }

    public Task RecordProgressAsync(SyncJobSnapshot job, CancellationToken cancellationToken) => inner.RecordProgressAsync(job, cancellationToken);

    public Task<SyncJobSnapshot?> GetLatestAsync(CancellationToken cancellationToken) => inner.GetLatestAsync(cancellationToken);

    public Task<SyncJobSnapshot?> GetRunningAsync(CancellationToken cancellationToken) => inner.GetRunningAsync(cancellationToken);

    public Task<SyncJobSnapshot?> GetAsync(string jobId, CancellationToken cancellationToken) => inner.GetAsync(jobId, cancellationToken);

    public Task<IReadOnlyList<SyncJobSnapshot>> ListAsync(string? afterJobId, int limit, CancellationToken cancellationToken) =>
        inner.ListAsync(afterJobId, limit, cancellationToken);

    public Task<IReadOnlyList<string>> MarkInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.MarkInterruptedAsync(now, cancellationToken);

    public Task<string?> ProbeAsync(CancellationToken cancellationToken) => inner.ProbeAsync(cancellationToken);
}
