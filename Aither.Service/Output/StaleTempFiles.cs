namespace Aither.Service.Output;

/// <summary>
/// Removes temporary files that a killed sync left behind: only Aither's own pattern
/// (<see cref="AtomicFileWriter.TempFileName"/>) for its own targets (pages in <c>courses/</c>, the manifest at the
/// top), only directly in the output folder, never through a link. Call it only while holding the sync lock, so
/// that no staged file of a live sync waits for its rename; a file still open for writing is skipped besides,
/// because the writer holds it exclusively (an flock on Unix).
/// </summary>
public sealed partial class StaleTempFiles(OutputDirectory output, ILogger<StaleTempFiles> logger)
{
    /// <summary>Removes the stale temporary files and returns how many; failures to remove one are skipped, never thrown.</summary>
    public int Remove()
    {
        var removed = Remove(output.Root, name => name == OutputDirectory.ManifestFileName)
            + Remove(output.CoursesPath, name => name.EndsWith(".html", StringComparison.Ordinal) && PageFileNames.IsSafeName(name[..^".html".Length]));
        if (removed > 0)
        {
            Log.Removed(logger, removed);
        }

        return removed;
    }

    private static int Remove(string directory, Func<string, bool> isOwnTarget)
    {
        if (!Directory.Exists(directory) || new DirectoryInfo(directory).LinkTarget is not null)
        {
            return 0;
        }

        var removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, ".*.tmp", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.None }).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (var path in candidates)
        {
            if (AtomicFileWriter.IsTempFileName(Path.GetFileName(path), out var target)
                && isOwnTarget(target)
                && OutputDirectory.IsPlainFile(path)
                && TryDelete(path))
            {
                removed++;
            }
        }

        return removed;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            // Exclusive open: fails while a writer still has the file open. DeleteOnClose removes it while we hold it.
            using var handle = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 701, EventName = "StaleTempFiles.Removed", Level = LogLevel.Information,
            Message = "output.temp-files-removed count={Count} (left behind by an interrupted sync)")]
        public static partial void Removed(ILogger logger, int count);
    }
}
