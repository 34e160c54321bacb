using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aither.Service.Output;

/// <summary>Reads and stages <c>&lt;HTML_OUTPUT_DIR&gt;/.sync-manifest.json</c>.</summary>
public sealed class ManifestStore(OutputDirectory output, AtomicFileWriter writer)
{
    private const int MaxManifestBytes = 64 * 1024;

    public string Path => output.ManifestPath;

    /// <summary>Never throws for a bad manifest: the caller regenerates and reports the reason.</summary>
    public ManifestReadResult Read()
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(Path))
            {
                return Corrupted("it is a directory");
            }

            var info = new FileInfo(Path);
            if (!info.Exists && info.LinkTarget is null)
            {
                return ManifestReadResult.Absent;
            }

            if (info.LinkTarget is not null)
            {
                return Corrupted("it is a symbolic link");
            }

            if (info.Length > MaxManifestBytes)
            {
                return Corrupted($"it is larger than {MaxManifestBytes} bytes");
            }

            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ManifestReadResult.Absent;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Corrupted($"it could not be read ({ex.GetType().Name})");
        }

        ManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.ManifestDocument);
        }
        catch (JsonException ex)
        {
            return Corrupted($"it is not valid manifest JSON (path {ex.Path ?? "$"}, line {ex.LineNumber})");
        }

        return Validate(document);
    }

    /// <summary>Writes the manifest to a flushed temporary file; publish it inside the job's commit.</summary>
    public StagedFile Stage(SyncManifest manifest)
    {
        var document = new ManifestDocument
        {
            FormatVersion = SyncManifest.CurrentFormatVersion,
            CourseId = manifest.CourseId,
            Page = manifest.Page,
            ContentHash = manifest.ContentHash,
            GeneratedAt = manifest.GeneratedAt.ToUniversalTime(),
            JobId = manifest.JobId,
        };
        return writer.Stage(Path, stream => JsonSerializer.Serialize(stream, document, ManifestJsonContext.Default.ManifestDocument));
    }

    private static ManifestReadResult Validate(ManifestDocument? document)
    {
        if (document is null)
        {
            return Corrupted("it is not a JSON object");
        }

        if (document.FormatVersion != SyncManifest.CurrentFormatVersion)
        {
            return Corrupted(document.FormatVersion is { } version
                ? $"its formatVersion {version} is not supported (expected {SyncManifest.CurrentFormatVersion})"
                : "it has no formatVersion");
        }

        if (string.IsNullOrEmpty(document.CourseId))
        {
            return Corrupted("courseId is missing");
        }

        if (!PageFileNames.IsSafeRelativePath(document.Page))
        {
            return Corrupted("page is missing or not courses/<safe name>.html");
        }

        if (document.ContentHash is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigitLower))
        {
            return Corrupted("contentHash is not 64 lowercase hex characters");
        }

        if (document.GeneratedAt is not { } generatedAt)
        {
            return Corrupted("generatedAt is missing");
        }

        if (string.IsNullOrEmpty(document.JobId))
        {
            return Corrupted("jobId is missing");
        }

        return new ManifestReadResult(new SyncManifest(document.CourseId, document.Page!, hash, generatedAt, document.JobId), null);
    }

    private static ManifestReadResult Corrupted(string reason) => new(null, reason);
}
