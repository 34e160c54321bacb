namespace Aither.Service.Sync;

/// <summary>
/// Something that wants to hear about syncs (logs, Rollbar, e-mail, metrics). Implementations must be quick;
/// anything slow belongs on a queue of their own.
/// </summary>
public interface ISyncObserver
{
    void SyncStarted(SyncJobSnapshot job) { }

    void SyncCompleted(SyncJobSnapshot job) { }

    /// <summary>The manifest at <paramref name="path"/> could not be read; the page is regenerated in full.</summary>
    void ManifestCorrupted(string path, string reason) { }
}
