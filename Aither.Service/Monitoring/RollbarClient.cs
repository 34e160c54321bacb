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
