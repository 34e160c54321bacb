namespace Aither.Service.Sync;

/// <summary>
/// What one sync does (Hemera to HTML). The coordinator runs it in the background, at most one at a time.
/// Progress is reported through <see cref="SyncRun"/>; a failure is thrown, preferably as
/// <see cref="SyncFailedException"/> whose message is safe to show to operators.
/// </summary>
public interface ISyncPipeline
{
    Task RunAsync(SyncRun run, CancellationToken cancellationToken);
}

/// <summary>
/// Fails the running sync with an error for <paramref name="entity"/>. The message ends up in the job status,
/// logs and alerts, so it must never contain secrets or participant texts.
/// </summary>
public sealed class SyncFailedException(string entity, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Entity { get; } = entity;
}
