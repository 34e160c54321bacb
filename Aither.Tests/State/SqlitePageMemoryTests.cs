using System.Security.Cryptography;
using Aither.Service.State;
using Aither.Service.State.Sqlite;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.State;

/// <summary>The SQLite store writes a page without holding it whole, neither in managed memory nor in SQLite's own.</summary>
[Collection(nameof(MemoryMeasurementCollection))]
public sealed class SqlitePageMemoryTests : IDisposable
{
    private const int PageBytes = 16 * 1024 * 1024;
    private const long Allowance = 4 * 1024 * 1024;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RecordEnd_LargePageFromAFile_IsStreamedIntoTheDatabase()
    {
        var store = new SqliteSyncJobStore(_dir.Combine("aither.db"));
        await store.InitializeAsync(default);
        var path = _dir.Combine("page.html");
        var html = new byte[PageBytes];
        new Random(7).NextBytes(html);
        await File.WriteAllBytesAsync(path, html);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(html));
        html = null;
        // The first write inserts the row, the measured one overwrites it.
        await RecordPageAsync(store, path, DateTimeOffset.UnixEpoch);
        GC.Collect();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        SQLitePCL.raw.sqlite3_memory_highwater(1);
        var nativeBefore = SQLitePCL.raw.sqlite3_memory_used();
        await RecordPageAsync(store, path, DateTimeOffset.UnixEpoch.AddMinutes(1));
        var native = SQLitePCL.raw.sqlite3_memory_highwater(0) - nativeBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.True(allocated < Allowance, $"{allocated} bytes allocated for a page of {PageBytes}.");
        Assert.True(native < Allowance, $"SQLite's memory rose by {native} bytes for a page of {PageBytes}.");
        Assert.Equal(sha256, (await store.GetPageVersionAsync(default))!.Sha256);
    }

    private static async Task RecordPageAsync(ISyncJobStore store, string path, DateTimeOffset start)
    {
        var (job, _) = await store.StartJobAsync(new SyncJobStart(start, false), default);
        using var page = PageContent.Hash(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024));
        await store.RecordEndAsync(job with { Status = SyncJobStatus.Success, EndTime = start, DurationMs = 0 }, new StoredPageChange.Replace(job.JobId, page), 10, default);
    }
}
