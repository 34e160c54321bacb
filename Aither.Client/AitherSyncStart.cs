using System.Diagnostics.CodeAnalysis;

namespace Aither.Client;

/// <summary>The answer to a start request: a started sync, or the news that one is already running.</summary>
/// <param name="Outcome">Whether a sync was started.</param>
/// <param name="JobId">
/// The id of the started sync (<c>sync-&lt;unix milliseconds&gt;</c>), or of the sync that was already running when the
/// service names it (it does since the ErrorInfo carries <c>jobId</c>); null otherwise.
/// </param>
/// <param name="StartTime">When the started sync began; null when one was already running.</param>
public sealed record AitherSyncStart(AitherSyncStartOutcome Outcome, string? JobId, DateTimeOffset? StartTime)
{
    /// <summary>True when this request started a sync; <see cref="JobId"/> is then set.</summary>
    [MemberNotNullWhen(true, nameof(JobId))]
    public bool IsStarted => Outcome == AitherSyncStartOutcome.Started;

    /// <summary>True when another sync was running and none was started.</summary>
    public bool IsAlreadyRunning => Outcome == AitherSyncStartOutcome.AlreadyRunning;
}
