using System.Security.Cryptography;

namespace Aither.Service.Output;

/// <summary>
/// Writes files so that readers, and a process killed at any instant, see the old content or the new one, never
/// a torn file: the content goes to a temporary file in the destination folder (same file system, so the rename
/// is atomic), is flushed to disk, and only then renamed over the target.
/// </summary>
public sealed class AtomicFileWriter
{
    /// <summary>
    /// Writes <paramref name="write"/>'s output to a new temporary file next to <paramref name="targetPath"/> and
    /// flushes it to disk. Nothing is visible at the target until <see cref="StagedFile.Publish"/>; disposing the
    /// staged file without publishing removes the temporary file.
    /// </summary>
    public StagedFile Stage(string targetPath, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(targetPath)
            ?? throw new ArgumentException("The target must be a file path inside a directory.", nameof(targetPath));
        var tempPath = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        var staged = new StagedFile(tempPath, targetPath);
        try
        {
            // CreateNew: never follow or reuse anything (a planted symlink included) already at the temp path.
            using var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            write(stream);
            stream.Flush(flushToDisk: true);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }
}

/// <summary>A fully written, flushed temporary file waiting to be renamed over its target.</summary>
public sealed class StagedFile : IDisposable
{
    internal StagedFile(string tempPath, string targetPath)
    {
        TempPath = tempPath;
        TargetPath = targetPath;
    }

    public string TempPath { get; }

    public string TargetPath { get; }

    public bool Published { get; private set; }

    /// <summary>Renames the temporary file over the target in one atomic step.</summary>
    public void Publish()
    {
        File.Move(TempPath, TargetPath, overwrite: true);
        Published = true;
    }

    /// <summary>Removes the temporary file unless it was published.</summary>
    public void Dispose()
    {
        if (!Published)
        {
            try
            {
                File.Delete(TempPath);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp file is harmless and never mistaken for a page.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
