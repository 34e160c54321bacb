using Aither.Service.Sync;
using Microsoft.Extensions.Options;

namespace Aither.Service.Output;

/// <summary>
/// The layout of <c>HTML_OUTPUT_DIR</c> and the checks that keep every write inside it: pages live in
/// <c>courses/</c>, the manifest at the top. A symbolic link (or other reparse point) where the service writes
/// is refused, because renaming or deleting through one could reach files outside the output directory.
/// </summary>
public sealed class OutputDirectory
{
    public const string ManifestFileName = ".sync-manifest.json";

    public OutputDirectory(IOptions<OutputOptions> options)
    {
        Root = Path.TrimEndingDirectorySeparator(options.Value.FullPath);
    }

    /// <summary>The absolute output directory.</summary>
    public string Root { get; }

    public string ManifestPath => Path.Combine(Root, ManifestFileName);

    public string CoursesPath => Path.Combine(Root, PageFileNames.CoursesFolder);

    /// <summary>Creates the output directory and <c>courses/</c> when missing; refuses a linked <c>courses/</c>.</summary>
    /// <exception cref="SyncFailedException">Entity <c>output</c>.</exception>
    public void PreparePagesFolder()
    {
        EnsureNotLink(CoursesPath, PageFileNames.CoursesFolder);
        try
        {
            Directory.CreateDirectory(CoursesPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SyncFailedException(SyncErrorEntities.Output, $"Could not create {PageFileNames.CoursesFolder}/: {ex.GetType().Name}", ex);
        }

        EnsureNotLink(CoursesPath, PageFileNames.CoursesFolder);
    }

    /// <summary>The absolute path of a page given as <c>courses/&lt;name&gt;.html</c>, checked to lie inside <see cref="Root"/>.</summary>
    /// <exception cref="SyncFailedException">Entity <c>output</c>: not a safe page path.</exception>
    public string PagePath(string relativePath)
    {
        if (!PageFileNames.IsSafeRelativePath(relativePath))
        {
            throw new SyncFailedException(SyncErrorEntities.Output, "Refusing a page path that is not courses/<safe name>.html");
        }

        var fullPath = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!IsInside(fullPath))
        {
            throw new SyncFailedException(SyncErrorEntities.Output, $"Refusing to write {relativePath}: it resolves outside HTML_OUTPUT_DIR");
        }

        return fullPath;
    }

    /// <summary>Fails the job when something at <paramref name="fullPath"/> is a link (a missing file is fine).</summary>
    /// <exception cref="SyncFailedException">Entity <c>output</c>.</exception>
    public void EnsureNotLink(string fullPath, string displayName)
    {
        FileSystemInfo info = Directory.Exists(fullPath) ? new DirectoryInfo(fullPath) : new FileInfo(fullPath);
        // Exists is false for a dangling link, so ask for the link itself rather than its target.
        if (info.LinkTarget is not null || (info.Exists && info.Attributes.HasFlag(FileAttributes.ReparsePoint)))
        {
            throw new SyncFailedException(SyncErrorEntities.Output, $"Refusing to write through {displayName}: it is a symbolic link or reparse point");
        }
    }

    /// <summary>True when <paramref name="fullPath"/> is a regular file, not a link.</summary>
    public static bool IsPlainFile(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.Exists && info.LinkTarget is null && !info.Attributes.HasFlag(FileAttributes.ReparsePoint);
    }

    private bool IsInside(string fullPath) =>
        fullPath.StartsWith(Path.EndsInDirectorySeparator(Root) ? Root : Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
