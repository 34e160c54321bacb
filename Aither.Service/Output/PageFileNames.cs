using System.Text.RegularExpressions;
using Aither.Service.Sync;

namespace Aither.Service.Output;

/// <summary>
/// Which strings may become a page's file name. The slug comes from another system, so it is input like any
/// other: only lowercase ASCII words joined by single hyphens pass, which rules out separators, dots, traversal
/// and anything a file system might normalise.
/// </summary>
public static partial class PageFileNames
{
    public const int MaxNameLength = 100;

    /// <summary>Folder inside the output directory that holds the pages.</summary>
    public const string CoursesFolder = "courses";

    public static bool IsSafeName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && SafeName().IsMatch(name);

    /// <summary>The slug when safe, else the course id when safe.</summary>
    /// <exception cref="SyncFailedException">Entity <c>output</c>: neither is a safe file name.</exception>
    public static string ForCourse(string? slug, string courseId)
    {
        if (IsSafeName(slug))
        {
            return slug! + ".html";
        }

        if (IsSafeName(courseId))
        {
            return courseId + ".html";
        }

        throw new SyncFailedException(SyncErrorEntities.Output, "Neither the course's slug nor its id is a safe file name; no page was written");
    }

    /// <summary>The output-relative path of a page, as the manifest records it (always with '/').</summary>
    public static string RelativePath(string fileName) => $"{CoursesFolder}/{fileName}";

    /// <summary>True when <paramref name="relativePath"/> is <c>courses/&lt;safe name&gt;.html</c>.</summary>
    public static bool IsSafeRelativePath(string? relativePath)
    {
        const string prefix = CoursesFolder + "/";
        const string suffix = ".html";
        return relativePath is not null
            && relativePath.StartsWith(prefix, StringComparison.Ordinal)
            && relativePath.EndsWith(suffix, StringComparison.Ordinal)
            && relativePath.Length > prefix.Length + suffix.Length
            && IsSafeName(relativePath[prefix.Length..^suffix.Length]);
    }

    // \z rather than $: $ would also accept a trailing newline.
    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SafeName();
}
