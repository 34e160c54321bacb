namespace Aither.Service.Sync;

/// <summary>The state of a sync job.</summary>
public enum SyncJobStatus
{
    Running,
    Success,
    Failed,
}
