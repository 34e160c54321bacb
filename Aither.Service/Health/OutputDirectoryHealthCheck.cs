using Aither.Service.Hemera;
using Aither.Service.Output;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Aither.Service.Health;

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
