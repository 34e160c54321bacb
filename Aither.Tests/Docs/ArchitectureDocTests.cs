using System.Text.RegularExpressions;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Docs;

/// <summary>ARCHITECTURE.md names files and folders; each must exist, so the page cannot drift from the tree.</summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly string Root = Path.GetDirectoryName(Readme.Path)!;

    [Fact]
    public void ArchitectureDoc_NamedPaths_AreFound()
    {
        Assert.True(Paths().Length >= 20, $"found only {Paths().Length} paths in ARCHITECTURE.md");
    }

    [Fact]
    public void ArchitectureDoc_EveryNamedPath_Exists()
    {
        // Paths are relative to the repository root, or to Aither.Service/ for the service's own folders.
        var missing = Paths()
            .Where(p => !new[] { Root, Path.Combine(Root, "Aither.Service") }.Any(b => File.Exists(Path.Combine(b, p)) || Directory.Exists(Path.Combine(b, p))))
            .ToArray();

        Assert.Empty(missing);
    }

    private static string[] Paths() => CodeSpan()
        .Matches(File.ReadAllText(Path.Combine(Root, "ARCHITECTURE.md")))
        .Select(m => m.Groups[1].Value)
        .Where(token => token.Contains('/', StringComparison.Ordinal) && !token.StartsWith('/') && !token.Contains('*', StringComparison.Ordinal))
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    // Code spans without spaces, braces or ellipses: file and folder names, not routes, JSON or placeholders.
    [GeneratedRegex(@"`([^`\s{}…:]+)`")]
    private static partial Regex CodeSpan();
}
