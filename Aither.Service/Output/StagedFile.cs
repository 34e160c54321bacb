using System.Security.Cryptography;

namespace Aither.Service.Output;

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
