namespace Aither.Client;

/// <summary>The step a sync has reached; a finished sync keeps the last step it reached.</summary>
public enum AitherSyncPhase
{
    /// <summary>Not known: the sync has not begun its first step, or the service does not say (older or newer service).</summary>
    Unknown = 0,

    /// <summary>Listing Hemera's courses, page by page.</summary>
    FetchingCourses = 1,

    /// <summary>Fetching the selected course with its participants.</summary>
    FetchingDetail = 2,

    /// <summary>Comparing the course with the page on disk and rendering it.</summary>
    Rendering = 3,

    /// <summary>Writing the page and the manifest into place.</summary>
    Writing = 4,
}
