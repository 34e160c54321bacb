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
