using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aither.Service.Sync;

/// <summary>How syncs run. Bound from the environment variables named on each property.</summary>
public sealed class SyncOptions
{
    /// <summary>A sync running longer is cancelled and recorded as failed.</summary>
    [ConfigurationKeyName("SYNC_TIMEOUT_MS")]
    [Range(1_000, int.MaxValue, ErrorMessage = "SYNC_TIMEOUT_MS must be a whole number of milliseconds, at least 1000.")]
    public int TimeoutMs { get; set; } = 1_800_000;

    /// <summary>On shutdown, how long to wait for a cancelled sync to wind down.</summary>
    [ConfigurationKeyName("SYNC_SHUTDOWN_GRACE_MS")]
    [Range(0, 120_000, ErrorMessage = "SYNC_SHUTDOWN_GRACE_MS must be between 0 and 120000 milliseconds.")]
    public int ShutdownGraceMs { get; set; } = 10_000;
}

[OptionsValidator]
internal sealed partial class SyncOptionsValidator : IValidateOptions<SyncOptions>;
