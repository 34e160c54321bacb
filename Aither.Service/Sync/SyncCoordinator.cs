using Aither.Service.Monitoring;
using Microsoft.Extensions.Options;

namespace Aither.Service.Sync;

/// <summary>
/// Owns the single-flight gate every trigger goes through (RPC, cron handler, schedule): at most one sync per
/// process, a second trigger is told "already running" and never queued. Runs the pipeline in the background
/// under the sync timeout and the host's shutdown, and keeps the status of the current or last job in memory.
/// </summary>
public sealed partial class SyncCoordinator : IHostedService
{
    private readonly ISyncPipeline _pipeline;
    private readonly SyncEvents _events;
    private readonly TimeProvider _time;
    private readonly SyncOptions _options;
    private readonly ILogger<SyncCoordinator> _logger;
    private readonly IErrorReporter? _errors;
    private readonly SyncJobIdGenerator _ids = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();
    private SyncJob? _running;
    private Task _runningTask = Task.CompletedTask;
    private SyncJob? _latest;

    public SyncCoordinator(
        ISyncPipeline pipeline,
        SyncEvents events,
        TimeProvider time,
        IOptions<SyncOptions> options,
        ILogger<SyncCoordinator> logger,
        IErrorReporter? errors = null)
    {
        _pipeline = pipeline;
        _events = events;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _errors = errors;
    }

    /// <summary>The running job, or the last finished one; null before the first sync.</summary>
    public SyncJobSnapshot? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest?.ToSnapshot();
            }
        }
    }

    /// <summary>Starts a sync unless one is running. The check and the start are one atomic step.</summary>
    public SyncStartResult TryStart(bool force)
    {
        SyncJob job;
        lock (_gate)
        {
            if (_running is { } running)
            {
                return new SyncStartResult(false, running.ToSnapshot());
            }

            var now = _time.GetUtcNow();
            job = new SyncJob(_ids.Next(now), now, force);
            _running = job;
            _latest = job;
            // Task.Run: the sync must not run on, or be cancelled with, the request that triggered it.
            _runningTask = Task.Run(() => RunAsync(job));
        }

        return new SyncStartResult(true, job.ToSnapshot());
    }

    /// <summary>Waits until the current job (if any) has finished and its lock was released. For tests and shutdown.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _runningTask;
        }
    }

    private async Task RunAsync(SyncJob job)
    {
        var run = new SyncRun(job);
        var timeout = TimeSpan.FromMilliseconds(_options.TimeoutMs);
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, _shutdown.Token);

        var started = job.ToSnapshot();
        Log.SyncStarted(_logger, started.JobId, started.Force);
        _events.SyncStarted(started);

        SyncJobError? error = null;
        Task pipelineTask = Task.CompletedTask;
        try
        {
            pipelineTask = Task.Run(() => _pipeline.RunAsync(run, linked.Token), CancellationToken.None);
            // WaitAsync: a pipeline that ignores its token still loses its lock on time.
            await pipelineTask.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            error = Error("sync", $"Sync timed out after {_options.TimeoutMs} ms; it was cancelled and the lock was released");
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            error = Error("sync", "Sync cancelled because the service is shutting down");
        }
        catch (SyncFailedException ex)
        {
            error = Error(ex.Entity, ex.Message);
        }
        catch (Exception ex)
        {
            // Type and stack only: an unexpected exception's message may quote Hemera data (participant texts).
            Log.PipelineCrashed(_logger, job.JobId, ex.GetType().FullName!, ex.StackTrace ?? "");
            _errors?.ReportException(ex, ErrorContext.ForJob(job.JobId));
            error = Error("sync", $"Unexpected error ({ex.GetType().Name}); see the service log for job {job.JobId}");
        }

        // Revoke before releasing the gate: from here on this job can no longer commit output.
        run.Revoke();
        if (_shutdown.IsCancellationRequested)
        {
            await WindDownAsync(pipelineTask).ConfigureAwait(false);
        }

        SyncJobSnapshot finished;
        lock (_gate)
        {
            if (error is null)
            {
                job.Succeed(_time.GetUtcNow());
            }
            else
            {
                job.Fail(_time.GetUtcNow(), error);
            }

            _running = null;
            finished = job.ToSnapshot();
        }

        Log.SyncCompleted(
            _logger,
            finished.JobId,
            finished.Status.ToString().ToLowerInvariant(),
            finished.DurationMs,
            finished.CourseId,
            finished.NoUpcomingCourse,
            finished.ParticipantsFetched,
            finished.FilesGenerated,
            finished.FilesSkipped,
            finished.Errors.Count);
        _events.SyncCompleted(finished);
    }

    /// <summary>On shutdown, give a cancelled pipeline a bounded chance to clean up its temporary files.</summary>
    private async Task WindDownAsync(Task pipelineTask)
    {
        try
        {
            await pipelineTask.WaitAsync(TimeSpan.FromMilliseconds(_options.ShutdownGraceMs), _time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException)
        {
            Log.ShutdownWaitExpired(_logger);
        }
        catch
        {
            // The pipeline's own failure was already recorded above.
        }
    }

    private SyncJobError Error(string entity, string message) => new(entity, message, _time.GetUtcNow());

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On SIGTERM: cancel the running sync and wait (bounded) until it is recorded as failed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            // RunAsync bounds its own wait by the grace period; the host's token bounds ours.
            await WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.ShutdownWaitExpired(_logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "sync.started jobId={JobId} status=running force={Force}")]
        public static partial void SyncStarted(ILogger logger, string jobId, bool force);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information,
            Message = "sync.completed jobId={JobId} status={Status} durationMs={DurationMs} courseId={CourseId} noUpcomingCourse={NoUpcomingCourse} participantsFetched={ParticipantsFetched} filesGenerated={FilesGenerated} filesSkipped={FilesSkipped} errorCount={ErrorCount}")]
        public static partial void SyncCompleted(
            ILogger logger,
            string jobId,
            string status,
            long? durationMs,
            string? courseId,
            bool noUpcomingCourse,
            int participantsFetched,
            int filesGenerated,
            int filesSkipped,
            int errorCount);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Sync {JobId} failed with an unexpected {ExceptionType}\n{StackTrace}")]
        public static partial void PipelineCrashed(ILogger logger, string jobId, string exceptionType, string stackTrace);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Shutdown did not wait for the running sync to finish: grace period expired")]
        public static partial void ShutdownWaitExpired(ILogger logger);
    }
}
