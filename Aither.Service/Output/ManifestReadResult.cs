namespace Aither.Service.Output;

/// <summary>The outcome of reading the manifest: absent, usable, or corrupted with an operator-safe reason.</summary>
public sealed record ManifestReadResult(SyncManifest? Manifest, string? CorruptionReason)
{
    public static ManifestReadResult Absent { get; } = new(null, null);

    public bool IsCorrupted => CorruptionReason is not null;
}
