namespace Aither.Service.Hemera;

/// <summary>How long Hemera asked us to wait (<c>Retry-After</c> in seconds or as an HTTP date), capped.</summary>
internal static class HemeraRetryAfter
{
    /// <summary>The delay, or null when the response has no usable <c>Retry-After</c>.</summary>
    public static TimeSpan? GetDelay(HttpResponseMessage response, TimeProvider time, TimeSpan cap)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan delay;
        if (retryAfter?.Delta is { } delta)
        {
            delay = delta;
        }
        else if (retryAfter?.Date is { } date)
        {
            delay = date - time.GetUtcNow();
        }
        else
        {
            return null;
        }

        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        return delay > cap ? cap : delay;
    }
}
