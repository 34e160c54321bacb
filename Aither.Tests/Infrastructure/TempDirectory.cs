namespace Aither.Tests.Infrastructure;

/// <summary>A fresh directory under the system temp folder, deleted (links not followed) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("aither-test-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Every file below the directory, relative, with '/' separators, sorted.</summary>
    public string[] Files() =>
        Directory.EnumerateFiles(Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Select(f => System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public void Dispose()
    {
        try
        {
            // Directory.Delete removes symbolic links themselves, not what they point to.
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
