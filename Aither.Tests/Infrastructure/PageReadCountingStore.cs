using Aither.Service.State;
using Aither.Service.Sync;

namespace Aither.Tests.Infrastructure;

/// <summary>A real store that counts page reads and, while <see cref="Failure"/> is set, throws it from them.</summary>
internal sealed class PageReadCountingStore(ISyncJobStore inner) : ISyncJobStore
{
    public Exception? Failure { get; set; }

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

    public Task RecordEndAsync(SyncJobSnapshot job, StoredPageChange page, int historyLimit, CancellationToken cancellationToken) =>
        inner.RecordEndAsync(job, page, historyLimit, cancellationToken);

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
