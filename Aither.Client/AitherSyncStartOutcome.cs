using System.Diagnostics.CodeAnalysis;

namespace Aither.Client;

/// <summary>Whether <see cref="IAitherSyncClient.StartSyncAsync"/> started a sync.</summary>
public enum AitherSyncStartOutcome
{
    /// <summary>A new sync was started.</summary>
    Started = 1,

    /// <summary>Another sync was running, so none was started. Overlapping triggers are normal.</summary>
    AlreadyRunning = 2,
}
