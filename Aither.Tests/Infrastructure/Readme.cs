namespace Aither.Tests.Infrastructure;

/// <summary>The repository's README, so tests can run what it documents.</summary>
public static class Readme
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Aither.sln")))
                {
                    return System.IO.Path.Combine(dir.FullName, "README.md");
                }
            }

            throw new FileNotFoundException("No Aither.sln above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The body of the first fenced code block whose body contains <paramref name="marker"/>.</summary>
    public static string CodeBlockContaining(string marker)
    {
        var blocks = File.ReadAllText(Path).Split("```");
        // Odd pieces are inside fences; their first line is the info string.
        for (var i = 1; i < blocks.Length; i += 2)
        {
            var body = blocks[i][(blocks[i].IndexOf('\n') + 1)..];
            if (body.Contains(marker, StringComparison.Ordinal))
            {
                return body;
            }
        }

        throw new InvalidOperationException($"README.md has no code block containing '{marker}'");
    }
}
