using System.Security.Cryptography;

namespace Aither.Service.Output;

/// <summary>
/// Writes files so that readers, and a process killed at any instant, see the old content or the new one, never
/// a torn file: the content goes to a temporary file in the destination folder (same file system, so the rename
/// is atomic), is flushed to disk, and only then renamed over the target.
/// </summary>
public sealed class AtomicFileWriter
{
    private const string TempSuffix = ".tmp";
    private const int RandomHexLength = 16;

    /// <summary>The temporary file's name for a target: <c>.&lt;target&gt;.&lt;16 hex digits&gt;.tmp</c>.</summary>
    public static string TempFileName(string targetFileName) =>
        $".{targetFileName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomHexLength / 2))}{TempSuffix}";

    /// <summary>True when <paramref name="fileName"/> has the shape of <see cref="TempFileName"/>; <paramref name="targetFileName"/> is the target it was for.</summary>
    public static bool IsTempFileName(string fileName, out string targetFileName)
    {
        targetFileName = "";
        // '.' + target + '.' + hex + ".tmp", with a target of at least one character.
        if (fileName.Length < 1 + 1 + 1 + RandomHexLength + TempSuffix.Length
            || fileName[0] != '.'
            || !fileName.EndsWith(TempSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        var withoutSuffix = fileName[..^TempSuffix.Length];
        var hex = withoutSuffix[^RandomHexLength..];
        if (withoutSuffix[^(RandomHexLength + 1)] != '.' || !hex.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        targetFileName = withoutSuffix[1..^(RandomHexLength + 1)];
        return targetFileName.Length > 0;
    }

    /// <summary>
    /// Writes <paramref name="write"/>'s output to a new temporary file next to <paramref name="targetPath"/> and
    /// flushes it to disk. Nothing is visible at the target until <see cref="StagedFile.Publish"/>; disposing the
    /// staged file without publishing removes the temporary file.
    /// </summary>
    public StagedFile Stage(string targetPath, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(targetPath)
            ?? throw new ArgumentException("The target must be a file path inside a directory.", nameof(targetPath));
        var tempPath = Path.Combine(directory, TempFileName(Path.GetFileName(targetPath)));
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
