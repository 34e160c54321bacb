using Microsoft.Extensions.Options;

namespace Aither.Service.Sync;

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
