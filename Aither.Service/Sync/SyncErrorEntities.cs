namespace Aither.Service.Sync;

/// <summary>
/// The <c>entity</c> of a sync error: which part failed. Part of the REST contract and of alerts, so each name is
/// spelled here only.
/// </summary>
public static class SyncErrorEntities
{
    /// <summary>The sync as a whole: timeout, shutdown, an unexpected exception.</summary>
    public const string Sync = "sync";

    public const string HemeraCourses = "hemera.courses";

    public const string HemeraCourseDetail = "hemera.course-detail";

    public const string Render = "render";

    public const string Output = "output";

    public const string Manifest = "manifest";
}
