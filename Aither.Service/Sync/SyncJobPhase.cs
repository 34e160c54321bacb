namespace Aither.Service.Sync;

/// <summary>The step a sync has reached; a finished sync keeps the last step it reached.</summary>
public enum SyncJobPhase
{
    /// <summary>Not begun yet, or recorded by a version without progress.</summary>
    None,
    FetchingCourses,
    FetchingDetail,
    Rendering,
    Writing,
}
