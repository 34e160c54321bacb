using Aither.Service.Hemera;
using Aither.Service.Output;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Aither.Service.Health;

/// <summary>
/// A readiness check whose result is kept for <see cref="CacheDuration"/>, so that frequent probes (HTTP and
/// gRPC, several orchestrators) neither hammer Hemera nor the disk. Registered as a singleton to keep its cache.
/// </summary>
internal abstract class CachedHealthCheck(TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _probe = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset Expires)? _cached;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        // One probe at a time: concurrent callers wait for it and share its answer.
        await _probe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } justProbed)
            {
                return justProbed;
            }

            var result = await ProbeAsync(cancellationToken).ConfigureAwait(false);
            _cached = (result, time.GetUtcNow() + CacheDuration);
            return result;
        }
        finally
        {
            _probe.Release();
        }
    }

    private HealthCheckResult? Fresh() =>
        _cached is { } cached && time.GetUtcNow() < cached.Expires ? cached.Result : null;

    protected abstract Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken);
}
