using Aither.Service.Sync;
using Microsoft.Extensions.Options;

namespace Aither.Service.Scheduling;

/// <summary>
/// The built-in schedule: triggers the coordinator at each occurrence of SYNC_SCHEDULE. It only schedules;
/// the coordinator runs the sync. The next occurrence is always computed from the current time, so after a
/// long pause (sleep, GC) it fires once rather than once per missed slot.
/// </summary>
public sealed partial class SyncScheduler(
    SyncCoordinator coordinator,
    IOptions<ScheduleOptions> options,
    TimeProvider time,
    ILogger<SyncScheduler> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly SyncSchedule? _schedule = options.Value.Enabled
        ? SyncSchedule.Parse(options.Value.Schedule!, options.Value.TimeZone)
        : null;

    private readonly Lock _lock = new();
    private DateTimeOffset? _nextOccurrence;

    /// <summary>When the next scheduled sync is due; null when the schedule is off or has no further occurrence.</summary>
    public DateTimeOffset? NextOccurrence
    {
        get
        {
            lock (_lock)
            {
                return _nextOccurrence;
            }
        }

        private set
        {
            lock (_lock)
            {
                _nextOccurrence = value;
            }
        }
    }

    public bool Enabled => _schedule is not null;

    /// <summary>Raised once the wait for <see cref="NextOccurrence"/> has begun (tests advance a fake clock then).</summary>
    internal Action<DateTimeOffset>? Waiting { get; set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_schedule is null)
        {
            Log.Off(logger);
        }
        else
        {
            NextOccurrence = _schedule.NextAfter(time.GetUtcNow());
            Log.On(logger, _schedule.Expression, _schedule.TimeZoneId, NextOccurrence);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>The schedule stops in the host's stopping phase, before the coordinator's StopAsync, so no slot fires into a stopping coordinator.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => base.StopAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_schedule is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunOnceAsync(stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failing trigger must never end the schedule.
                Log.TriggerFailed(logger, ex);
            }
        }
    }

    /// <summary>Waits for the next occurrence and triggers one sync. Returns false when there is no further occurrence.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (_schedule is null || _schedule.NextAfter(time.GetUtcNow()) is not { } next)
        {
            return false;
        }

        NextOccurrence = next;
        var delay = next - time.GetUtcNow();
        var wait = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, cancellationToken);
        Waiting?.Invoke(next);
        await wait.ConfigureAwait(false);

        var result = await coordinator.TryStartAsync(force: false, scheduleSlot: next).ConfigureAwait(false);
        if (result.Started)
        {
            Log.Triggered(logger, result.Job.JobId, next);
        }
        else
        {
            Log.SkippedOverlap(logger, next, result.Job.JobId);
        }

        NextOccurrence = _schedule.NextAfter(time.GetUtcNow());
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 501, EventName = "SyncScheduler.Off", Level = LogLevel.Information, Message = "Built-in schedule is off (SYNC_SCHEDULE is not set)")]
        public static partial void Off(ILogger logger);

        [LoggerMessage(EventId = 502, EventName = "SyncScheduler.On", Level = LogLevel.Information, Message = "Built-in schedule '{Schedule}' in {TimeZone}; next sync at {NextOccurrence:O}")]
        public static partial void On(ILogger logger, string schedule, string timeZone, DateTimeOffset? nextOccurrence);

        [LoggerMessage(EventId = 503, EventName = "SyncScheduler.Triggered", Level = LogLevel.Information, Message = "Scheduled sync {JobId} started for the slot at {Slot:O}")]
        public static partial void Triggered(ILogger logger, string jobId, DateTimeOffset slot);

        [LoggerMessage(EventId = 504, EventName = "SyncScheduler.SkippedOverlap", Level = LogLevel.Debug, Message = "Scheduled slot at {Slot:O} skipped: sync {RunningJobId} is running or already ran for it")]
        public static partial void SkippedOverlap(ILogger logger, DateTimeOffset slot, string runningJobId);

        [LoggerMessage(EventId = 505, EventName = "SyncScheduler.TriggerFailed", Level = LogLevel.Error, Message = "Scheduled sync trigger failed; the schedule goes on")]
        public static partial void TriggerFailed(ILogger logger, Exception exception);
    }
}
