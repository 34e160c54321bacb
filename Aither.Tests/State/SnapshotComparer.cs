using Aither.Service.Sync;

namespace Aither.Tests.State;

/// <summary>Compares jobs field by field, errors included (the record's own equality compares the error list by reference).</summary>
public sealed class SnapshotComparer : IEqualityComparer<SyncJobSnapshot?>
{
    public static readonly SnapshotComparer Instance = new();

    public bool Equals(SyncJobSnapshot? x, SyncJobSnapshot? y) =>
        x is null || y is null
            ? x is null && y is null
            : x with { Errors = [] } == y with { Errors = [] } && x.Errors.SequenceEqual(y.Errors);

    public int GetHashCode(SyncJobSnapshot? obj) => obj?.JobId.GetHashCode(StringComparison.Ordinal) ?? 0;
}
