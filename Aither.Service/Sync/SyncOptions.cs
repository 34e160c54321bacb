using Microsoft.Extensions.Options;

namespace Aither.Service.Sync;

/// <summary>How syncs run. Bound from the environment variables named on each property.</summary>
public sealed class SyncOptions
{
    /// <summary>A sync running longer is cancelled and recorded as failed.</summary>
    [ConfigurationKeyName("SYNC_TIMEOUT_MS")]
    public int TimeoutMs { get; set; } = 1_800_000;

    /// <summary>On shutdown, how long to wait for a cancelled sync to wind down.</summary>
    [ConfigurationKeyName("SYNC_SHUTDOWN_GRACE_MS")]
    public int ShutdownGraceMs { get; set; } = 10_000;
}
