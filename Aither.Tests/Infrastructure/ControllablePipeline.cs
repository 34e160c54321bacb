using Aither.Service.Sync;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// A pipeline the test drives: each run waits until the test releases it, then succeeds, fails or hangs as told.
/// A release given before a run starts applies to that next run.
/// </summary>
public sealed class ControllablePipeline : ISyncPipeline
{
    private readonly Lock _lock = new();
    private TaskCompletionSource<Func<SyncRun, CancellationToken, Task>> _release = NewRelease();
    private TaskCompletionSource<SyncRun> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Runs { get; private set; }

    public async Task RunAsync(SyncRun run, CancellationToken cancellationToken)
    {
        Task<Func<SyncRun, CancellationToken, Task>> release;
        lock (_lock)
        {
            Runs++;
            release = _release.Task;
            _started.TrySetResult(run);
        }

        var behaviour = await release.WaitAsync(cancellationToken);
        lock (_lock)
        {
            // This run consumed the release: the next run waits for a new one.
            if (_release.Task == release)
            {
                _release = NewRelease();
                _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        await behaviour(run, cancellationToken);
    }

    /// <summary>Completes when a run has started (the current or the next one).</summary>
    public Task<SyncRun> Started
    {
        get
        {
            lock (_lock)
            {
                return _started.Task;
            }
        }
    }

    public void Succeed(Action<SyncRun>? report = null) => Release((run, _) =>
    {
        report?.Invoke(run);
        return Task.CompletedTask;
    });

    public void Fail(string entity, string message) => Release((_, _) => throw new SyncFailedException(entity, message));

    public void Release(Func<SyncRun, CancellationToken, Task> behaviour)
    {
        lock (_lock)
        {
            _release.TrySetResult(behaviour);
        }
    }

    private static TaskCompletionSource<Func<SyncRun, CancellationToken, Task>> NewRelease() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
