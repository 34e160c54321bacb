using System.Diagnostics.Metrics;
using Aither.Service.Sync;

namespace Aither.Service.Monitoring;

/// <summary>
/// Records the duration of each Hemera request attempt, and counts retries. Add it to the Hemera client after
/// (inside) the resilience handler, so that it sees every attempt: a request seen again is a retry.
/// </summary>
public sealed class HemeraMetricsHandler(AitherMetrics metrics, TimeProvider time) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<int> AttemptKey = new("Aither.HemeraAttempt");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(AttemptKey, out var attempt))
        {
            metrics.HemeraRetry();
        }

        request.Options.Set(AttemptKey, attempt + 1);
        var started = time.GetTimestamp();
        var statusCode = 0;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            statusCode = (int)response.StatusCode;
            return response;
        }
        finally
        {
            metrics.HemeraRequest(time.GetElapsedTime(started), statusCode);
        }
    }
}
