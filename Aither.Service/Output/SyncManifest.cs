namespace Aither.Service.Output;

/// <summary>
/// What the last successful write left in the output directory: which course, which page (relative to
/// <c>HTML_OUTPUT_DIR</c>), the content hash it was rendered from, when and by which job.
/// </summary>
public sealed record SyncManifest(string CourseId, string Page, string ContentHash, DateTimeOffset GeneratedAt, string JobId)
{
    /// <summary>The on-disk format this service writes and understands; any other version counts as corrupted.</summary>
    public const int CurrentFormatVersion = 1;
}
