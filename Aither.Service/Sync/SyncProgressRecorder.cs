using System.Threading.Channels;
using Aither.Service.State;

namespace Aither.Service.Sync;

/// <summary>
/// Writes a running job's progress to the state store in the background, so that other instances can report it,
/// without slowing the sync: a phase change is written at once, counter steps at most every
/// <see cref="CountsInterval"/> (the newest wins). The end is not written here but by the coordinator, after
/// <see cref="DisposeAsync"/>. A failed write is logged and skipped; it never fails the sync.
/// </summary>
internal sealed partial class SyncProgressRecorder : IAsyncDisposable
{
    public static readonly TimeSpan CountsInterval = TimeSpan.FromMilliseconds(200);

    private readonly ISyncJobStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<SyncJobSnapshot> _pending = Channel.CreateBounded<SyncJobSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Task _loop;
    private TaskCompletionSource _phaseChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _failureLogged;

    public SyncProgressRecorder(ISyncJobStore store, TimeProvider time, ILogger logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Called under the job's lock: never blocks.</summary>
    public void Report(SyncJobSnapshot job, bool phaseChanged)
    {
        lock (_lock)
        {
            _pending.Writer.TryWrite(job);
            if (phaseChanged)
            {
                _phaseChanged.TrySetResult();
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                Task phaseChanged;
                SyncJobSnapshot job;
                lock (_lock)
                {
                    if (!_pending.Reader.TryRead(out job!))
                    {
                        continue;
                    }

                    if (_phaseChanged.Task.IsCompleted)
                    {
                        _phaseChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    phaseChanged = _phaseChanged.Task;
                }

                await WriteAsync(job).ConfigureAwait(false);
                // Coalesce counter steps; a phase change cuts the wait short.
                await Task.WhenAny(Task.Delay(CountsInterval, _time, _stop.Token), phaseChanged).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(SyncJobSnapshot job)
    {
        try
        {
            await _store.RecordProgressAsync(job, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Progress is a view for watchers; the job's end is recorded on its own path. One line per job is enough.
            if (!_failureLogged)
            {
                _failureLogged = true;
                Log.WriteFailed(_logger, job.JobId, ex.GetType().Name);
            }
        }
    }

    /// <summary>Stops writing: progress not yet written is dropped (the recorded end supersedes it).</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 21, EventName = "SyncProgressRecorder.WriteFailed", Level = LogLevel.Warning,
            Message = "Sync {JobId}: its progress could not be written to the state store ({ExceptionType}); other instances show it late, the sync goes on")]
        public static partial void WriteFailed(ILogger logger, string jobId, string exceptionType);
    }
}
