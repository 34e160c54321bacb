using Aither.Service.Sync;

namespace Aither.Tests.Infrastructure;

/// <summary>Keeps every <see cref="ISyncObserver.ManifestCorrupted"/> call.</summary>
public sealed class RecordingSyncObserver : ISyncObserver
{
    private readonly Lock _lock = new();
    private readonly List<(string Path, string Reason)> _corrupted = [];

    public IReadOnlyList<(string Path, string Reason)> ManifestCorruptions
    {
        get
        {
            lock (_lock)
            {
                return _corrupted.ToArray();
            }
        }
    }

    public void ManifestCorrupted(string path, string reason)
    {
        lock (_lock)
        {
            _corrupted.Add((path, reason));
        }
    }
}
