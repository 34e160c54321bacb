using Aither.Service.Hemera;
using Aither.Service.Output;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Aither.Service.Health;

/// <summary>Ready when the Hemera catalogue answers within <see cref="Timeout"/>.</summary>
internal sealed class HemeraHealthCheck(IServiceProvider services, TimeProvider time) : CachedHealthCheck(time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time = time;

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IHemeraCatalog>() is not { } catalog)
        {
            return HealthCheckResult.Unhealthy("No Hemera catalogue is registered.");
        }

        using var timeout = new CancellationTokenSource(Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            // WaitAsync: a catalogue that ignores its token must not hold the probe beyond the deadline.
            var reachable = await catalog.IsReachableAsync(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
            return reachable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Hemera is not reachable.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Hemera did not answer within 2 s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Hemera is not reachable ({ex.GetType().Name}).");
        }
    }
}
