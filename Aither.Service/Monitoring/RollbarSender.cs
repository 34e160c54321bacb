using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Aither.Service.Monitoring;

/// <summary>The typed HttpClient for Rollbar's Item API; retries live in its resilience handler.</summary>
internal sealed class RollbarClient(HttpClient http, IOptions<RollbarOptions> options)
{
    public const string TokenHeader = "X-Rollbar-Access-Token";

    public async Task<HttpStatusCode> SendAsync(byte[] item, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.Endpoint);
        request.Headers.Add(TokenHeader, options.Value.Token);
        request.Content = new ByteArrayContent(item);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>429 and 5xx and network errors are retried with exponential backoff; a 429 waits as long as Rollbar says.</summary>
    internal static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, RollbarOptions options)
    {
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && ShouldRetry(args.Outcome)),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
            MaxDelay = MaxRateLimitWait,
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(args.Outcome.Result)),
        });
        builder.AddTimeout(TimeSpan.FromMilliseconds(options.TimeoutMs));
    }

    internal static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(60);

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>
    /// Rollbar's rate-limit reply: <c>X-Rate-Limit-Remaining-Seconds</c> until the window resets (or the
    /// standard <c>Retry-After</c>); null leaves the delay to the exponential backoff.
    /// </summary>
    internal static TimeSpan? RateLimitDelay(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        if (response.Headers.TryGetValues("X-Rate-Limit-Remaining-Seconds", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0)
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, MaxRateLimitWait.TotalSeconds));
        }

        return response.Headers.RetryAfter?.Delta is { } delta && delta >= TimeSpan.Zero
            ? (delta < MaxRateLimitWait ? delta : MaxRateLimitWait)
            : null;
    }
}

/// <summary>
/// Sends queued items one at a time. A failure is logged and the item given up; nothing here can stop the host.
/// On shutdown the queue is drained for at most <c>ROLLBAR_FLUSH_TIMEOUT_MS</c>, then the rest is abandoned.
/// </summary>
internal sealed partial class RollbarSender(
    RollbarQueue queue,
    IServiceProvider services,
    IOptions<RollbarOptions> options,
    TimeProvider time,
    ILogger<RollbarSender> logger) : BackgroundService
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

    public override async Task StopAsync(CancellationToken cancellationToken)
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

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Rollbar reporting is off (ROLLBAR_ENABLED=0 or no ROLLBAR_ACCESS_TOKEN)")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Rollbar reporting to {Host}")]
        public static partial void Enabled(ILogger logger, string host);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Rollbar rejected an item with HTTP {StatusCode}")]
        public static partial void Rejected(ILogger logger, int statusCode);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Sending an item to Rollbar failed ({ExceptionType}); it was dropped")]
        public static partial void SendFailed(ILogger logger, string exceptionType, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: {Remaining} Rollbar item(s) could not be flushed in time")]
        public static partial void FlushAbandoned(ILogger logger, int remaining);
    }
}
