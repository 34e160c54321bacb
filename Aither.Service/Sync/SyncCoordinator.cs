using System.Data.Common;
using System.Diagnostics;
using Aither.Service.Monitoring;
using Aither.Service.Observability;
using Aither.Service.Output;
using Aither.Service.State;
using Microsoft.Extensions.Options;

namespace Aither.Service.Sync;

/// <summary>
/// Owns the single-flight gate every trigger goes through (RPC, cron handler, schedule): at most one sync at a
/// time across every process sharing the state store, a second trigger is told "already running" (with the
/// running job from the store) and never queued. Runs the pipeline in the background under the sync timeout,
/// the host's shutdown and the store's lock. Job state lives in the <see cref="ISyncJobStore"/>; this class keeps
/// only the job it runs and a copy of the latest job, refreshed on each of its own writes and otherwise after
/// SYNC_STATE_REFRESH_MS.
/// </summary>
public sealed partial class SyncCoordinator : IHostedService
{
    /// <summary>How long a trigger that found the lock taken waits for the holder's running row to appear.</summary>
    private static readonly TimeSpan RunningRowWait = TimeSpan.FromSeconds(5);

    private readonly ISyncPipeline _pipeline;
    private readonly ISyncJobStore _store;
    private readonly SyncEvents _events;
    private readonly TimeProvider _time;
    private readonly SyncOptions _options;
    private readonly StateOptions _state;
    private readonly ILogger<SyncCoordinator> _logger;
    private readonly IErrorReporter? _errors;
    private readonly StaleTempFiles? _staleTempFiles;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();

    // Serialises every attempt of this process to take the store's lock (start, recovery, exclusive work).
    private readonly SemaphoreSlim _lockAttempts = new(1, 1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private SyncJob? _running;
    private SyncJobFeed? _feed;
    private Task<SyncStartResult>? _starting;
    private Task _runningTask = Task.CompletedTask;
    private Cached? _latest;
    private long _writes;

    public SyncCoordinator(
        ISyncPipeline pipeline,
        ISyncJobStore store,
        SyncEvents events,
        TimeProvider time,
        IOptions<SyncOptions> options,
        IOptions<StateOptions> state,
        ILogger<SyncCoordinator> logger,
        IErrorReporter? errors = null,
        StaleTempFiles? staleTempFiles = null)
    {
        _staleTempFiles = staleTempFiles;
        _pipeline = pipeline;
        _store = store;
        _events = events;
        _time = time;
        _options = options.Value;
        _state = state.Value;
        _logger = logger;
        _errors = errors;
    }

    /// <summary>
    /// This instance's view without asking the store: the job it runs, or its copy of the latest job (null before
    /// it knows of any). <see cref="GetLatestAsync"/> is the answer for callers.
    /// </summary>
    public SyncJobSnapshot? Latest => Volatile.Read(ref _running)?.ToSnapshot() ?? Volatile.Read(ref _latest)?.Job;

    /// <summary>
    /// Opens the store (migrating its schema), fails jobs left running by a process that died, removes the
    /// temporary files such a process left in the output folder, and loads the latest job. Throws
    /// <see cref="StateStoreException"/> when the store cannot be used.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Store(async () =>
        {
            await RecoverInterruptedAsync(cancellationToken, atStartup: true).ConfigureAwait(false);
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The running job (live, when this instance runs it) or the last finished one; null when the store holds none.
    /// Served from memory; the store is asked again when the copy is older than SYNC_STATE_REFRESH_MS.
    /// </summary>
    public async ValueTask<SyncJobSnapshot?> GetLatestAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _running) is { } running)
        {
            return running.ToSnapshot();
        }

        if (Volatile.Read(ref _latest) is { } cached && IsFresh(cached))
        {
            return cached.Job;
        }

        return await Store(() => RefreshAsync(cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>One job by id (live when this instance runs it); null when the store has no such job.</summary>
    public async Task<SyncJobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _running) is { } running && running.JobId == jobId)
        {
            return running.ToSnapshot();
        }

        var job = await Store(() => _store.GetAsync(jobId, cancellationToken)).ConfigureAwait(false);
        return job is { Status: SyncJobStatus.Running } && Volatile.Read(ref _running) is null
            ? await RecoverIfAbandonedAsync(job, cancellationToken).ConfigureAwait(false)
            : job;
    }

    /// <summary>
    /// The changes of <paramref name="jobId"/> when this instance runs it (null otherwise): watchers here follow every
    /// step without asking the store.
    /// </summary>
    internal SyncJobFeed? FeedOf(string jobId) => Volatile.Read(ref _feed) is { } feed && feed.JobId == jobId ? feed : null;

    /// <summary>
    /// Up to <paramref name="limit"/> jobs, newest first, older than <paramref name="afterJobId"/> when given;
    /// null when <paramref name="afterJobId"/> is no longer recorded (pruned), so a page cannot continue from it.
    /// </summary>
    public async Task<IReadOnlyList<SyncJobSnapshot>?> ListJobsAsync(string? afterJobId, int limit, CancellationToken cancellationToken = default)
    {
        if (afterJobId is not null && await Store(() => _store.GetAsync(afterJobId, cancellationToken)).ConfigureAwait(false) is null)
        {
            return null;
        }

        var jobs = await Store(() => _store.ListAsync(afterJobId, limit, cancellationToken)).ConfigureAwait(false);
        if (Volatile.Read(ref _running) is not { } running)
        {
            return jobs;
        }

        // The row of the job this instance runs holds its start only; show its live progress instead.
        return jobs.Select(job => job.JobId == running.JobId ? running.ToSnapshot() : job).ToArray();
    }

    /// <summary>
    /// Starts a sync unless one is running here or in any process sharing the store. Concurrent triggers in this
    /// process share one attempt. With <paramref name="scheduleSlot"/>, at most one job is ever started for that
    /// occurrence of the built-in schedule, whichever instance fires first.
    /// </summary>
    /// <exception cref="StateStoreException">The state store cannot be reached.</exception>
    public async Task<SyncStartResult> TryStartAsync(bool force, DateTimeOffset? scheduleSlot = null)
    {
        Task<SyncStartResult> attempt;
        bool joined;
        lock (_gate)
        {
            if (_running is { } running)
            {
                return new SyncStartResult(false, running.ToSnapshot());
            }

            joined = _starting is not null;
            if (!joined)
            {
                var outcome = new TaskCompletionSource<SyncStartResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                _starting = outcome.Task;
                // Task.Run: the sync must not run on, or be cancelled with, the request that triggered it.
                _ = Task.Run(() => StartAsync(outcome, force, scheduleSlot));
            }

            attempt = _starting!;
        }

        var result = await attempt.ConfigureAwait(false);
        return joined && result.Started ? result with { Started = false } : result;
    }

    /// <summary>Waits until the current job (if any) has finished and its lock was released. For tests and shutdown.</summary>
    public async Task WhenIdleAsync()
    {
        Task? starting;
        lock (_gate)
        {
            starting = _starting;
        }

        if (starting is not null)
        {
            await starting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Task running;
        lock (_gate)
        {
            running = _runningTask;
        }

        await running.ConfigureAwait(false);
    }

    private async Task StartAsync(TaskCompletionSource<SyncStartResult> outcome, bool force, DateTimeOffset? scheduleSlot)
    {
        try
        {
            var result = await Store(() => StartCoreAsync(outcome, force, scheduleSlot)).ConfigureAwait(false);
            lock (_gate)
            {
                if (ReferenceEquals(_starting, outcome.Task))
                {
                    _starting = null;
                }
            }

            outcome.TrySetResult(result);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_starting, outcome.Task))
                {
                    _starting = null;
                }
            }

            outcome.TrySetException(ex);
        }
    }

    private async Task<SyncStartResult> StartCoreAsync(TaskCompletionSource<SyncStartResult> outcome, bool force, DateTimeOffset? scheduleSlot)
    {
        await _lockAttempts.WaitAsync(_shutdown.Token).ConfigureAwait(false);
        try
        {
            var waiting = Stopwatch.StartNew();
            while (true)
            {
                var lease = await _store.TryAcquireLockAsync(_shutdown.Token).ConfigureAwait(false);
                if (lease is not null)
                {
                    return await StartHoldingLockAsync(outcome, lease, force, scheduleSlot).ConfigureAwait(false);
                }

                // Another process runs a sync. It inserts its row right after taking the lock, so wait briefly for it.
                if (await _store.GetRunningAsync(_shutdown.Token).ConfigureAwait(false) is { } running)
                {
                    return new SyncStartResult(false, running);
                }

                if (waiting.Elapsed > RunningRowWait)
                {
                    throw new StateStoreException("The sync lock is held by another process, but the state store shows no running sync.");
                }

                // Real time on purpose: this paces polling of another process, it is no part of the sync's logic.
                await Task.Delay(TimeSpan.FromMilliseconds(20), _shutdown.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            _lockAttempts.Release();
        }
    }

    private async Task<SyncStartResult> StartHoldingLockAsync(
        TaskCompletionSource<SyncStartResult> outcome,
        ISyncLockLease lease,
        bool force,
        DateTimeOffset? scheduleSlot)
    {
        try
        {
            var now = _time.GetUtcNow();
            await MarkInterruptedAsync(now, _shutdown.Token).ConfigureAwait(false);
            var (snapshot, created) = await _store.StartJobAsync(new SyncJobStart(now, force, scheduleSlot), _shutdown.Token).ConfigureAwait(false);
            if (!created)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
                return new SyncStartResult(false, snapshot);
            }

            var feed = new SyncJobFeed(snapshot);
            var progress = new SyncProgressRecorder(_store, _time, _logger);
            var job = new SyncJob(snapshot.JobId, snapshot.StartTime, snapshot.Force, (changed, phaseChanged) =>
            {
                feed.Publish(changed);
                progress.Report(changed, phaseChanged);
            });
            lock (_gate)
            {
                _running = job;
                _feed = feed;
                if (ReferenceEquals(_starting, outcome.Task))
                {
                    _starting = null;
                }

                _runningTask = Task.Run(() => RunAsync(job, lease, feed, progress));
            }

            return new SyncStartResult(true, snapshot);
        }
        catch
        {
            await lease.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task RunAsync(SyncJob job, ISyncLockLease lease, SyncJobFeed feed, SyncProgressRecorder progress)
    {
        var run = new SyncRun(job);
        var timeout = TimeSpan.FromMilliseconds(_options.TimeoutMs);
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, _shutdown.Token, lease.Lost);

        var started = job.ToSnapshot();
        // Every line the sync writes names its job; the span carries ids, outcome and counts, never Hemera data.
        using var jobScope = _logger.BeginScope(new LogScope(LogScope.JobId, started.JobId));
        using var activity = AitherActivitySource.Sync.StartActivity("sync");
        activity?.SetTag("aither.sync.job_id", started.JobId);
        activity?.SetTag("aither.sync.force", started.Force);
        Log.SyncStarted(_logger, started.JobId, started.Force);
        _events.SyncStarted(started);

        var (pipelineTask, error) = await RunPipelineAsync(job, run, lease, timeoutSource, linked.Token).ConfigureAwait(false);

        // Revoke before releasing the lock: from here on this job can no longer commit output.
        run.Revoke();
        if (_shutdown.IsCancellationRequested)
        {
            await WindDownAsync(pipelineTask).ConfigureAwait(false);
        }

        var end = Milliseconds(_time.GetUtcNow());
        if (error is null)
        {
            job.Succeed(end);
        }
        else
        {
            job.Fail(end, error);
        }

        var finished = job.EndSnapshot()!;
        // No progress write may land after the end (the store ignores one for an ended row anyway).
        await progress.DisposeAsync().ConfigureAwait(false);
        finished = await RecordEndAsync(finished, run, lease).ConfigureAwait(false);
        // Watchers get the end once it is recorded, so any instance's GetSyncJob answers the same from then on.
        feed.Publish(finished);
        lock (_gate)
        {
            // Cached before _running is cleared, so no reader ever sees an older job in between.
            Remember(finished);
            _running = null;
            _feed = null;
        }

        ReportCompleted(finished, activity);
        // A sync's course (every participant's texts, hundreds of MB of strings for a large one) is garbage now, but it
        // lived long enough to reach the oldest generation, which the GC collects rarely: without this, RSS grows by
        // about the course's size with every sync until a full collection happens to run.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Runs the pipeline under the timeout, the host's shutdown and the lock; the error is null when it succeeded.</summary>
    private async Task<(Task Pipeline, SyncJobError? Error)> RunPipelineAsync(
        SyncJob job, SyncRun run, ISyncLockLease lease, CancellationTokenSource timeoutSource, CancellationToken cancellationToken)
    {
        var pipelineTask = Task.CompletedTask;
        try
        {
            pipelineTask = Task.Run(() => _pipeline.RunAsync(run, cancellationToken), CancellationToken.None);
            // WaitAsync: a pipeline that ignores its token still loses its lock on time.
            await pipelineTask.WaitAsync(cancellationToken).ConfigureAwait(false);
            return (pipelineTask, null);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            return (pipelineTask, Error(SyncErrorEntities.Sync, $"Sync timed out after {_options.TimeoutMs} ms; it was cancelled and the lock was released"));
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return (pipelineTask, Error(SyncErrorEntities.Sync, "Sync cancelled because the service is shutting down"));
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested)
        {
            return (pipelineTask, Error("sync", "Sync cancelled because its connection to the state store was lost; no output was committed"));
        }
        catch (SyncFailedException ex)
        {
            return (pipelineTask, Error(ex.Entity, ex.Message));
        }
        catch (Exception ex)
        {
            // Type and stack only: an unexpected exception's message may quote Hemera data (participant texts).
            Log.PipelineCrashed(_logger, job.JobId, ex.GetType().FullName!, ex.StackTrace ?? "");
            _errors?.ReportException(ex, ErrorContext.ForJob(job.JobId));
            return (pipelineTask, Error(SyncErrorEntities.Sync, $"Unexpected error ({ex.GetType().Name}); see the service log for job {job.JobId}"));
        }
    }

    /// <summary>
    /// Records the end (with the page, when the job succeeded) while still holding the lock, closes the run's page,
    /// then releases the lock. Returns the end as recorded: a success whose page cannot be stored is a failure.
    /// </summary>
    private async Task<SyncJobSnapshot> RecordEndAsync(SyncJobSnapshot snapshot, SyncRun run, ISyncLockLease lease)
    {
        try
        {
            // Only a success changes the page every instance serves; a failed job leaves the previous one.
            var page = snapshot.Status == SyncJobStatus.Success ? run.PageChange : StoredPageChange.None;
            // Recorded while still holding the lock: a running row is never seen with the lock free unless its process died.
            snapshot = await RecordEndOrPageFailureAsync(snapshot, page).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException or InvalidOperationException)
        {
            Log.RecordEndFailed(_logger, snapshot.JobId, ex.GetType().Name);
            _errors?.ReportException(ex, ErrorContext.ForJob(snapshot.JobId));
        }
        finally
        {
            run.ReleasePage();
        }

        try
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException)
        {
            // The lock went with its connection: the server has released it already.
            Log.LockReleaseFailed(_logger, snapshot.JobId, ex.GetType().Name);
        }

        return snapshot;
    }

    /// <summary>
    /// The page is streamed from its file inside the transaction; when that file cannot be read or no longer holds
    /// the bytes that were hashed, the transaction rolls back and the job is recorded as failed, keeping the page.
    /// </summary>
    private async Task<SyncJobSnapshot> RecordEndOrPageFailureAsync(SyncJobSnapshot snapshot, StoredPageChange page)
    {
        try
        {
            await _store.RecordEndAsync(snapshot, page, _state.HistoryLimit, CancellationToken.None).ConfigureAwait(false);
            return snapshot;
        }
        catch (Exception ex) when (page is not StoredPageChange.Keep && CausedByIO(ex))
        {
            Log.PageNotStored(_logger, snapshot.JobId, ex.GetType().Name);
            var failed = snapshot with
            {
                Status = SyncJobStatus.Failed,
                Errors = [.. snapshot.Errors, Error(SyncErrorEntities.Output, "Could not store the written page in the state store; the previous page stays")],
            };
            await _store.RecordEndAsync(failed, StoredPageChange.None, _state.HistoryLimit, CancellationToken.None).ConfigureAwait(false);
            return failed;
        }
    }

    /// <summary>The page's source failed; a driver may wrap that in its own exception.</summary>
    private static bool CausedByIO(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is IOException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The log line, the span's outcome and the observers (metrics, Rollbar, failure e-mail) of an ended job.</summary>
    private void ReportCompleted(SyncJobSnapshot finished, Activity? activity)
    {
        Log.SyncCompleted(
            _logger,
            finished.JobId,
            finished.Status.ToText(),
            finished.DurationMs,
            finished.CourseId,
            finished.NoUpcomingCourse,
            finished.ParticipantsFetched,
            finished.FilesGenerated,
            finished.FilesSkipped,
            finished.Errors.Count);
        if (activity is not null)
        {
            var outcome = finished.Status.ToString().ToLowerInvariant();
            activity.SetTag("aither.sync.outcome", outcome);
            activity.SetTag("aither.sync.participants_fetched", finished.ParticipantsFetched);
            activity.SetTag("aither.sync.files_generated", finished.FilesGenerated);
            activity.SetTag("aither.sync.files_skipped", finished.FilesSkipped);
            if (finished.Errors.Count > 0)
            {
                // The entity only: error messages are operator-safe, but a span is no place for free text.
                activity.SetTag("error.type", finished.Errors[0].Entity);
                activity.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }

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

    /// <summary>Fails rows left running by a process that died, when no process holds the lock now.</summary>
    private async Task RecoverInterruptedAsync(CancellationToken cancellationToken, bool atStartup = false)
    {
        if (!await _lockAttempts.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (Volatile.Read(ref _running) is not null || await _store.TryAcquireLockAsync(cancellationToken).ConfigureAwait(false) is not { } lease)
            {
                return;
            }

            await using (lease.ConfigureAwait(false))
            {
                await MarkInterruptedAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                // Only under the lock: no sync of any instance sharing the store can have a staged file waiting now.
                // When another instance holds it, its next write (and ours) sweeps them instead.
                if (atStartup)
                {
                    _staleTempFiles?.Remove();
                }
            }
        }
        finally
        {
            _lockAttempts.Release();
        }
    }

    private async Task<SyncJobSnapshot?> RecoverIfAbandonedAsync(SyncJobSnapshot running, CancellationToken cancellationToken)
    {
        await Store(() => RecoverInterruptedAsync(cancellationToken)).ConfigureAwait(false);
        return await Store(() => _store.GetAsync(running.JobId, cancellationToken)).ConfigureAwait(false);
    }

    private async Task MarkInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interrupted = await _store.MarkInterruptedAsync(now, cancellationToken).ConfigureAwait(false);
        if (interrupted.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _writes);
        foreach (var jobId in interrupted)
        {
            Log.Interrupted(_logger, jobId);
        }
    }

    private async Task<SyncJobSnapshot?> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _latest) is { } cached && IsFresh(cached))
            {
                return cached.Job;
            }

            var writes = Interlocked.Read(ref _writes);
            var latest = await _store.GetLatestAsync(cancellationToken).ConfigureAwait(false);
            if (latest is { Status: SyncJobStatus.Running } && Volatile.Read(ref _running) is null)
            {
                // A running row this instance does not run: if nobody holds the lock, its process died.
                await RecoverInterruptedAsync(cancellationToken).ConfigureAwait(false);
                writes = Interlocked.Read(ref _writes);
                latest = await _store.GetLatestAsync(cancellationToken).ConfigureAwait(false);
            }

            lock (_gate)
            {
                // A write of this instance that landed meanwhile is newer than what was just read.
                if (Interlocked.Read(ref _writes) == writes && _running is null)
                {
                    _latest = new Cached(latest, _time.GetTimestamp());
                }
            }

            return _running?.ToSnapshot() ?? latest;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Call under <see cref="_gate"/>.</summary>
    private void Remember(SyncJobSnapshot job)
    {
        Interlocked.Increment(ref _writes);
        _latest = new Cached(job, _time.GetTimestamp());
    }

    private bool IsFresh(Cached cached) => _time.GetElapsedTime(cached.Timestamp).TotalMilliseconds < _state.RefreshMs;

    /// <summary>Store failures reach callers as <see cref="StateStoreException"/>; the cause stays in the log.</summary>
    private async Task<T> Store<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException or InvalidOperationException && ex is not ObjectDisposedException)
        {
            Log.StoreFailed(_logger, ex.GetType().Name, ex.Message);
            throw new StateStoreException("The sync state store is unavailable", ex);
        }
    }

    private Task Store(Func<Task> operation) => Store(async () =>
    {
        await operation().ConfigureAwait(false);
        return true;
    });

    private SyncJobError Error(string entity, string message) => new(entity, message, Milliseconds(_time.GetUtcNow()));

    /// <summary>The store keeps milliseconds; the live job does too, so a job reads the same before and after a restart.</summary>
    private static DateTimeOffset Milliseconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

    private sealed record Cached(SyncJobSnapshot? Job, long Timestamp);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "SyncCoordinator.SyncStarted", Level = LogLevel.Information, Message = "sync.started jobId={JobId} status=running force={Force}")]
        public static partial void SyncStarted(ILogger logger, string jobId, bool force);

        [LoggerMessage(EventId = 2, EventName = "SyncCoordinator.SyncCompleted", Level = LogLevel.Information,
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

        [LoggerMessage(EventId = 3, EventName = "SyncCoordinator.PipelineCrashed", Level = LogLevel.Error, Message = "Sync {JobId} failed with an unexpected {ExceptionType}\n{StackTrace}")]
        public static partial void PipelineCrashed(ILogger logger, string jobId, string exceptionType, string stackTrace);

        [LoggerMessage(EventId = 4, EventName = "SyncCoordinator.ShutdownWaitExpired", Level = LogLevel.Warning, Message = "Shutdown did not wait for the running sync to finish: grace period expired")]
        public static partial void ShutdownWaitExpired(ILogger logger);

        [LoggerMessage(EventId = 5, EventName = "SyncCoordinator.Interrupted", Level = LogLevel.Warning,
            Message = "sync.interrupted jobId={JobId} status=failed: the instance running it stopped before it finished")]
        public static partial void Interrupted(ILogger logger, string jobId);

        [LoggerMessage(EventId = 6, EventName = "SyncCoordinator.RecordEndFailed", Level = LogLevel.Error, Message = "Sync {JobId} ended but its end could not be recorded in the state store ({ExceptionType})")]
        public static partial void RecordEndFailed(ILogger logger, string jobId, string exceptionType);

        [LoggerMessage(EventId = 7, EventName = "SyncCoordinator.LockReleaseFailed", Level = LogLevel.Warning, Message = "Sync {JobId}: releasing the sync lock failed ({ExceptionType}); the server drops it with the connection")]
        public static partial void LockReleaseFailed(ILogger logger, string jobId, string exceptionType);

        [LoggerMessage(EventId = 9, EventName = "SyncCoordinator.PageNotStored", Level = LogLevel.Error,
            Message = "Sync {JobId} wrote its page but could not store it in the state store ({ExceptionType}); recording the job as failed")]
        public static partial void PageNotStored(ILogger logger, string jobId, string exceptionType);

        [LoggerMessage(EventId = 8, EventName = "SyncCoordinator.StoreFailed", Level = LogLevel.Error, Message = "The sync state store failed: {ExceptionType}: {Reason}")]
        public static partial void StoreFailed(ILogger logger, string exceptionType, string reason);
    }
}
