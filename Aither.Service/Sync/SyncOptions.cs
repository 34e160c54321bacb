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

internal sealed class SyncOptionsValidator : IValidateOptions<SyncOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        var failures = new List<string>();
        if (options.TimeoutMs < 1_000)
        {
            failures.Add($"SYNC_TIMEOUT_MS must be at least 1000 milliseconds, got '{options.TimeoutMs}'.");
        }

        if (options.ShutdownGraceMs is < 0 or > 120_000)
        {
            failures.Add($"SYNC_SHUTDOWN_GRACE_MS must be between 0 and 120000 milliseconds, got '{options.ShutdownGraceMs}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
