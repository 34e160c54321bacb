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
