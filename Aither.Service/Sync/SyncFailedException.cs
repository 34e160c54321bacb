namespace Aither.Service.Sync;

/// <summary>
/// Fails the running sync with an error for <paramref name="entity"/>. The message ends up in the job status,
/// logs and alerts, so it must never contain secrets or participant texts.
/// </summary>
public sealed class SyncFailedException(string entity, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Entity { get; } = entity;
}
