using System.Data.Common;
using Aither.Service.State;
using Aither.Service.Sync;
using Microsoft.Extensions.Options;

namespace Aither.Service.Room;

/// <summary>
/// The page <c>/room</c> shows, from the state store, so every instance sharing the store serves the same bytes:
/// the page the last successful sync stored, the "no upcoming course" placeholder when that sync found none, the
/// "not synchronized" placeholder before any. The served copy is kept in memory and checked against the store
/// (a query for the version only) once it is older than SYNC_STATE_REFRESH_MS; this instance's own syncs make it
/// check at once.
/// </summary>
public sealed partial class RoomPageSource(
    ISyncJobStore store,
    RoomPageComposer composer,
    TimeProvider time,
    IOptions<StateOptions> state,
    ILogger<RoomPageSource> logger) : ISyncObserver
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly int _refreshMs = state.Value.RefreshMs;
    private Cached? _cached;
    private long _invalidations;

    /// <summary>The page to serve; null when the store cannot be reached and no copy was ever loaded.</summary>
    public async ValueTask<RoomPage?> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cached) is { } fresh && IsFresh(fresh))
        {
            return fresh.Page;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cached = Volatile.Read(ref _cached);
            if (cached is not null && IsFresh(cached))
            {
                return cached.Page;
            }

            var invalidations = Interlocked.Read(ref _invalidations);
            Cached next;
            try
            {
                next = await LoadAsync(cached, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbException or IOException or TimeoutException or InvalidOperationException && ex is not ObjectDisposedException)
            {
                // The previous copy stays on screen; the store is asked again after the refresh interval, not per request.
                Log.StoreUnavailable(logger, ex.GetType().Name, cached is not null);
                if (cached is null)
                {
                    return null;
                }

                next = cached;
            }

            // A sync of this instance that ended during the read may not be in it: then the copy is already stale.
            var timestamp = Interlocked.Read(ref _invalidations) == invalidations ? time.GetTimestamp() : long.MinValue;
            Volatile.Write(ref _cached, next with { Timestamp = timestamp });
            return next.Page;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>A sync of this instance ended: its page (or its "no upcoming course") is in the store, so look at once.</summary>
    public void SyncCompleted(SyncJobSnapshot job)
    {
        Interlocked.Increment(ref _invalidations);
        if (Volatile.Read(ref _cached) is { } cached)
        {
            Volatile.Write(ref _cached, cached with { Timestamp = long.MinValue });
        }
    }

    private async Task<Cached> LoadAsync(Cached? cached, CancellationToken cancellationToken)
    {
        var version = await store.GetPageVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return new Cached(null, composer.Placeholder(RoomPlaceholder.NotSynchronized), 0);
        }

        if (cached is not null && cached.Version == version)
        {
            return cached;
        }

        // Between the two reads a newer sync may have stored another page; the copy then carries that one's version.
        var stored = await store.GetPageAsync(cancellationToken).ConfigureAwait(false);
        return stored switch
        {
            null => new Cached(null, composer.Placeholder(RoomPlaceholder.NotSynchronized), 0),
            { Html: null } => new Cached(stored.Version, composer.Placeholder(RoomPlaceholder.NoUpcomingCourse), 0),
            { Html: { } html, Sha256: { } sha256 } => new Cached(stored.Version, composer.Compose(html, sha256), 0),
            _ => throw new InvalidDataException("The stored room page has no hash."),
        };
    }

    private bool IsFresh(Cached cached) =>
        cached.Timestamp != long.MinValue && time.GetElapsedTime(cached.Timestamp).TotalMilliseconds < _refreshMs;

    private sealed record Cached(StoredPageVersion? Version, RoomPage Page, long Timestamp);

    private static partial class Log
    {
        [LoggerMessage(EventId = 804, EventName = "RoomPageSource.StoreUnavailable", Level = LogLevel.Warning,
            Message = "room.store-unavailable error={Error} servingPreviousCopy={ServingPreviousCopy}; the store is asked again after SYNC_STATE_REFRESH_MS")]
        public static partial void StoreUnavailable(ILogger logger, string error, bool servingPreviousCopy);
    }
}
