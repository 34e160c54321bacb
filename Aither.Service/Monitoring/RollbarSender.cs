using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Aither.Service.Monitoring;

/// <summary>
/// Sends queued items one at a time. A failure is logged and the item given up; nothing here can stop the host.
/// On shutdown the queue is drained for at most <c>ROLLBAR_FLUSH_TIMEOUT_MS</c>, then the rest is abandoned.
/// </summary>
internal sealed partial class RollbarSender(
    RollbarQueue queue,
    IServiceProvider services,
    IOptions<RollbarOptions> options,
    TimeProvider time,
    ILogger<RollbarSender> logger) : BackgroundService, IHostedLifecycleService
{
    public long Sent => Interlocked.Read(ref _sent);

    private long _sent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsActive)
        {
            Log.Disabled(logger);
            return;
        }

        Log.Enabled(logger, new Uri(options.Value.Endpoint).Host);
        var client = services.GetRequiredService<RollbarClient>();
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var status = await client.SendAsync(item, stoppingToken).ConfigureAwait(false);
                    if ((int)status is >= 200 and < 300)
                    {
                        Interlocked.Increment(ref _sent);
                    }
                    else
                    {
                        Log.Rejected(logger, (int)status);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    Log.SendFailed(logger, ex.GetType().Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.FlushAbandoned(logger, queue.Count);
        }
    }

    // The flush waits for StoppedAsync, which the host calls after every hosted service's StopAsync: the
    // coordinator records a sync cancelled by shutdown first, and its sync.completed still goes out.
    public override Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.WaitAsync(TimeSpan.FromMilliseconds(options.Value.FlushTimeoutMs), time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // Base.StopAsync cancels the send in flight below.
            }
        }

        await base.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 601, EventName = "RollbarSender.Disabled", Level = LogLevel.Information, Message = "Rollbar reporting is off (ROLLBAR_ENABLED=0 or no ROLLBAR_ACCESS_TOKEN)")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(EventId = 602, EventName = "RollbarSender.Enabled", Level = LogLevel.Information, Message = "Rollbar reporting is on (items go to {Host})")]
        public static partial void Enabled(ILogger logger, string host);

        [LoggerMessage(EventId = 603, EventName = "RollbarSender.Rejected", Level = LogLevel.Warning, Message = "Rollbar rejected an item with HTTP {StatusCode}")]
        public static partial void Rejected(ILogger logger, int statusCode);

        [LoggerMessage(EventId = 604, EventName = "RollbarSender.SendFailed", Level = LogLevel.Warning, Message = "Sending an item to Rollbar failed ({ExceptionType}); it was dropped")]
        public static partial void SendFailed(ILogger logger, string exceptionType, Exception exception);

        [LoggerMessage(EventId = 605, EventName = "RollbarSender.FlushAbandoned", Level = LogLevel.Warning, Message = "Shutdown: {Remaining} Rollbar item(s) could not be flushed in time")]
        public static partial void FlushAbandoned(ILogger logger, int remaining);
    }
}
