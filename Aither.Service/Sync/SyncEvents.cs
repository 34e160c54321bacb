namespace Aither.Service.Sync;

/// <summary>Fans sync events out to every registered <see cref="ISyncObserver"/>; an observer that throws is logged and skipped.</summary>
public sealed partial class SyncEvents(IEnumerable<ISyncObserver> observers, ILogger<SyncEvents> logger)
{
    private readonly ISyncObserver[] _observers = observers.ToArray();

    public void SyncStarted(SyncJobSnapshot job) => Publish(nameof(SyncStarted), o => o.SyncStarted(job));

    public void SyncCompleted(SyncJobSnapshot job) => Publish(nameof(SyncCompleted), o => o.SyncCompleted(job));

    public void ManifestCorrupted(string path, string reason) => Publish(nameof(ManifestCorrupted), o => o.ManifestCorrupted(path, reason));

    private void Publish(string eventName, Action<ISyncObserver> notify)
    {
        foreach (var observer in _observers)
        {
            try
            {
                notify(observer);
            }
            catch (Exception ex)
            {
                Log.ObserverFailed(logger, observer.GetType().Name, eventName, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 11, EventName = "SyncEvents.ObserverFailed", Level = LogLevel.Error, Message = "Sync observer {Observer} failed on {Event}")]
        public static partial void ObserverFailed(ILogger logger, string observer, string @event, Exception exception);
    }
}
