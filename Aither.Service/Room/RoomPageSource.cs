using Aither.Service.Output;
using Aither.Service.Sync;

namespace Aither.Service.Room;

/// <summary>
/// The page <c>/room</c> shows: the page the manifest names (what the last successful sync wrote), unless the
/// last successful sync this process saw found no upcoming course. Without a manifest or its page, the
/// "not synchronized" placeholder. The served copy is rebuilt only when the manifest or the file changed.
/// </summary>
public sealed partial class RoomPageSource(
    ManifestStore manifests,
    OutputDirectory output,
    RoomPageComposer composer,
    ILogger<RoomPageSource> logger) : ISyncObserver
{
    private readonly Lock _gate = new();
    private bool _noUpcomingCourse;
    private CacheKey? _cachedKey;
    private RoomPage? _cached;

    public RoomPage Current()
    {
        lock (_gate)
        {
            if (_noUpcomingCourse)
            {
                return composer.Placeholder(RoomPlaceholder.NoUpcomingCourse);
            }
        }

        if (manifests.Read().Manifest is not { } manifest
            || PagePath(manifest.Page) is not { } path
            || !OutputDirectory.IsPlainFile(path))
        {
            return composer.Placeholder(RoomPlaceholder.NotSynchronized);
        }

        var info = new FileInfo(path);
        var key = new CacheKey(path, manifest.JobId, manifest.GeneratedAt, info.Length, info.LastWriteTimeUtc);
        lock (_gate)
        {
            if (_cachedKey == key && _cached is not null)
            {
                return _cached;
            }
        }

        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.PageUnreadable(logger, manifest.Page, ex.GetType().Name);
            lock (_gate)
            {
                return _cached ?? composer.Placeholder(RoomPlaceholder.NotSynchronized);
            }
        }

        var page = composer.Compose(file);
        lock (_gate)
        {
            _cachedKey = key;
            _cached = page;
        }

        return page;
    }

    public void SyncCompleted(SyncJobSnapshot job)
    {
        if (job.Status == SyncJobStatus.Success)
        {
            lock (_gate)
            {
                _noUpcomingCourse = job.NoUpcomingCourse;
            }
        }
    }

    private string? PagePath(string page)
    {
        try
        {
            return output.PagePath(page);
        }
        catch (SyncFailedException)
        {
            return null;
        }
    }

    private sealed record CacheKey(string Path, string JobId, DateTimeOffset GeneratedAt, long Length, DateTime LastWriteTimeUtc);

    private static partial class Log
    {
        [LoggerMessage(EventId = 801, EventName = "RoomPageSource.PageUnreadable", Level = LogLevel.Warning,
            Message = "room.page-unreadable page={Page} error={Error}; serving the previous copy or the placeholder")]
        public static partial void PageUnreadable(ILogger logger, string page, string error);
    }
}
