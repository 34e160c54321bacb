using System.Diagnostics.CodeAnalysis;

namespace Aither.Client;

/// <summary>The state of a sync.</summary>
public enum AitherSyncStatus
{
    /// <summary>A state this version of the client does not know (sent by a newer service).</summary>
    Unknown = 0,

    /// <summary>The sync is running.</summary>
    Running = 1,

    /// <summary>The sync finished without errors (also when there was no upcoming course).</summary>
    Success = 2,

    /// <summary>The sync failed, timed out or was cancelled; see <see cref="AitherSyncJob.Errors"/>.</summary>
    Failed = 3,
}
