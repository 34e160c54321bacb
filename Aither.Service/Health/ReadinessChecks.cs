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

/// <summary>Ready when the output directory exists (or can be created) and a file can be written and deleted in it.</summary>
internal sealed class OutputDirectoryHealthCheck(IOptions<OutputOptions> options, TimeProvider time) : CachedHealthCheck(time)
{
    protected override async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.FullPath;
        var probe = Path.Combine(directory, $".ready-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return HealthCheckResult.Unhealthy($"The output directory is not writable ({ex.GetType().Name}).");
        }
    }
}

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
