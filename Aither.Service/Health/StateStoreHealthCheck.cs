using Aither.Service.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aither.Service.Health;

/// <summary>Ready when the sync state store can be written (SQLite) or reached (PostgreSQL) within <see cref="Timeout"/>.</summary>
internal sealed class StateStoreHealthCheck(ISyncJobStore store, TimeProvider time) : CachedHealthCheck(time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time = time;

    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var problem = await store.ProbeAsync(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
            return problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(problem);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The state store did not answer within 2 s.");
        }
    }
}
