using System.Security.Cryptography;
using System.Text;
using Aither.Service.State;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.State;

/// <summary>
/// What every <see cref="ISyncJobStore"/> provider must do, run against each real provider by a subclass that
/// hands out fresh, initialised stores.
/// </summary>
public abstract class SyncJobStoreContractTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-30T10:00:00.123Z");

    /// <summary>A new, empty, initialised store. <paramref name="shared"/> gives a second store on the same database.</summary>
    protected abstract Task<ISyncJobStore> CreateStoreAsync(ISyncJobStore? shared = null);

    /// <summary>A new, empty store migrated only up to <paramref name="version"/>; <see cref="CreateStoreAsync"/> with it migrates the rest.</summary>
    protected abstract Task<ISyncJobStore> CreateStoreAtVersionAsync(int version);

    [Fact]
    public async Task GetLatest_Empty_IsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetLatestAsync(default));
        Assert.Null(await store.GetRunningAsync(default));
        Assert.Empty(await store.ListAsync(null, 20, default));
    }

    [Fact]
    public async Task StartJob_Idle_WritesARunningRowNamedAfterItsStart()
    {
        var store = await CreateStoreAsync();

        var (job, created) = await store.StartJobAsync(new SyncJobStart(T0.AddTicks(4_321), Force: true), default);

        Assert.True(created);
        Assert.Equal($"sync-{T0.ToUnixTimeMilliseconds()}", job.JobId);
        Assert.Equal(T0, job.StartTime);
        Assert.Equal(SyncJobStatus.Running, job.Status);
        Assert.Equal(job, await store.GetLatestAsync(default), SnapshotComparer.Instance);
        Assert.Equal(job, await store.GetRunningAsync(default), SnapshotComparer.Instance);
        Assert.Equal(job, await store.GetAsync(job.JobId, default), SnapshotComparer.Instance);
    }

    [Fact]
    public async Task StartJob_SameMillisecondOrClockBack_GetsTheNextFreeId()
    {
        var store = await CreateStoreAsync();
        var first = await StartAndEndAsync(store, T0);

        var (second, _) = await store.StartJobAsync(new SyncJobStart(T0.AddSeconds(-5), false), default);

        Assert.Equal($"sync-{T0.ToUnixTimeMilliseconds() + 1}", second.JobId);
        Assert.NotEqual(first.JobId, second.JobId);
    }

    [Fact]
    public async Task RecordEnd_EveryField_ReadsBackTheSame()
    {
        var store = await CreateStoreAsync();
        var (started, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        var finished = started with
        {
            Status = SyncJobStatus.Failed,
            EndTime = T0.AddSeconds(3),
            DurationMs = 3000,
            CourseId = "course-42",
            NoUpcomingCourse = false,
            ParticipantsFetched = 17,
            FilesGenerated = 1,
            FilesSkipped = 2,
            Errors = [new SyncJobError("hemera.course-detail", "Hemera answered 503 „Wartung“", T0.AddSeconds(2))],
        };

        await store.RecordEndAsync(finished, StoredPageChange.None, 1000, default);

        Assert.Equal(finished, await store.GetAsync(started.JobId, default), SnapshotComparer.Instance);
        Assert.Null(await store.GetRunningAsync(default));
    }

    [Fact]
    public async Task RecordProgress_RunningJob_EveryInstanceReadsItBack()
    {
        var store = await CreateStoreAsync();
        var other = await CreateStoreAsync(shared: store);
        var (started, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        var progress = started with { Phase = SyncJobPhase.FetchingDetail, CoursePagesFetched = 3, CourseId = "course-42", ParticipantsFetched = 17 };

        await store.RecordProgressAsync(progress, default);

        Assert.Equal(progress, await other.GetAsync(started.JobId, default), SnapshotComparer.Instance);
        Assert.Equal(progress, await other.GetRunningAsync(default), SnapshotComparer.Instance);
    }

    [Fact]
    public async Task RecordProgress_AfterTheEnd_ChangesNothing()
    {
        var store = await CreateStoreAsync();
        var (started, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        var finished = started with
        {
            Status = SyncJobStatus.Success,
            EndTime = T0.AddSeconds(1),
            DurationMs = 1000,
            Phase = SyncJobPhase.Writing,
            CoursePagesFetched = 2,
            FilesGenerated = 1,
        };
        await store.RecordEndAsync(finished, StoredPageChange.None, 1000, default);

        await store.RecordProgressAsync(started with { Phase = SyncJobPhase.FetchingCourses, CoursePagesFetched = 1 }, default);

        Assert.Equal(finished, await store.GetAsync(started.JobId, default), SnapshotComparer.Instance);
    }

    [Fact]
    public async Task RecordEnd_NoUpcomingCourse_KeepsNullsAndTheFlag()
    {
        var store = await CreateStoreAsync();
        var (started, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        var finished = started with { Status = SyncJobStatus.Success, EndTime = T0.AddMilliseconds(5), DurationMs = 5, NoUpcomingCourse = true };

        await store.RecordEndAsync(finished, StoredPageChange.None, 1000, default);

        var read = await store.GetLatestAsync(default);
        Assert.Equal(finished, read, SnapshotComparer.Instance);
        Assert.Null(read!.CourseId);
        Assert.Empty(read.Errors);
    }

    [Fact]
    public async Task List_ManyJobs_PagesNewestFirstWithoutGapsOrRepeats()
    {
        var store = await CreateStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await StartAndEndAsync(store, T0.AddMinutes(i))).JobId);
        }

        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await store.ListAsync(after, 3, default);
            seen.AddRange(page.Select(j => j.JobId));
            if (page.Count < 3)
            {
                break;
            }

            after = page[^1].JobId;
        }

        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task RecordEnd_BeyondTheHistoryLimit_PrunesTheOldest()
    {
        var store = await CreateStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await StartAndEndAsync(store, T0.AddMinutes(i), historyLimit: 3)).JobId);
        }

        var kept = (await store.ListAsync(null, 100, default)).Select(j => j.JobId);

        Assert.Equal(ids.Skip(2).Reverse(), kept);
        Assert.Null(await store.GetAsync(ids[0], default));
    }

    [Fact]
    public async Task MarkInterrupted_RunningRow_FailsItWithASyncError()
    {
        var store = await CreateStoreAsync();
        var finished = await StartAndEndAsync(store, T0);
        var (running, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(1), false), default);
        var noticed = T0.AddMinutes(3);

        var interrupted = await store.MarkInterruptedAsync(noticed, default);

        Assert.Equal([running.JobId], interrupted);
        var job = (await store.GetAsync(running.JobId, default))!;
        Assert.Equal(SyncJobStatus.Failed, job.Status);
        Assert.Equal(noticed, job.EndTime);
        Assert.Equal(120_000, job.DurationMs);
        var error = Assert.Single(job.Errors);
        Assert.Equal("sync", error.Entity);
        Assert.Contains("instance running this sync stopped", error.Message, StringComparison.Ordinal);
        Assert.Equal(finished, await store.GetAsync(finished.JobId, default), SnapshotComparer.Instance);
        Assert.Empty(await store.MarkInterruptedAsync(noticed, default));
    }

    [Fact]
    public async Task StartJob_ScheduleSlotAlreadyUsed_ReturnsThatJobWithoutWriting()
    {
        var store = await CreateStoreAsync();
        var slot = DateTimeOffset.Parse("2026-11-30T10:00:00Z");
        var (first, _) = await store.StartJobAsync(new SyncJobStart(T0, false, slot), default);
        await store.RecordEndAsync(first with { Status = SyncJobStatus.Success, EndTime = T0, DurationMs = 0 }, StoredPageChange.None, 1000, default);

        var (again, created) = await store.StartJobAsync(new SyncJobStart(T0.AddSeconds(1), false, slot), default);

        Assert.False(created);
        Assert.Equal(first.JobId, again.JobId);
        Assert.Single(await store.ListAsync(null, 100, default));
    }

    [Fact]
    public async Task TryAcquireLock_Held_IsRefusedUntilReleased()
    {
        var store = await CreateStoreAsync();
        var other = await CreateStoreAsync(shared: store);

        var lease = await store.TryAcquireLockAsync(default);
        Assert.NotNull(lease);
        Assert.Null(await other.TryAcquireLockAsync(default));
        Assert.Null(await store.TryAcquireLockAsync(default));

        await lease.DisposeAsync();
        var second = await other.TryAcquireLockAsync(default);
        Assert.NotNull(second);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Initialize_Again_KeepsTheJobs()
    {
        var store = await CreateStoreAsync();
        var job = await StartAndEndAsync(store, T0);

        var reopened = await CreateStoreAsync(shared: store);
        await reopened.InitializeAsync(default);

        Assert.Equal(job, await reopened.GetLatestAsync(default), SnapshotComparer.Instance);
    }

    [Fact]
    public async Task Probe_HealthyStore_ReportsNoProblem()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.ProbeAsync(default));
    }

    [Fact]
    public async Task GetPage_NoSyncStoredOne_IsNull()
    {
        var store = await CreateStoreAsync();
        await StartAndEndAsync(store, T0);

        Assert.Null(await store.GetPageAsync(default));
        Assert.Null(await store.GetPageVersionAsync(default));
    }

    [Fact]
    public async Task RecordEnd_ReplacePage_EveryStoreOnTheDatabaseReadsTheSameBytes()
    {
        var store = await CreateStoreAsync();
        var other = await CreateStoreAsync(shared: store);
        var (job, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><p>Anna Berg – „Zuhören“</p>\n");
        using var page = Content(html);

        await store.RecordEndAsync(Succeeded(job), new StoredPageChange.Replace(job.JobId, page), 1000, default);

        var read = await other.GetPageAsync(default);
        Assert.NotNull(read);
        Assert.Equal(html, read.Html);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(html)), read.Sha256);
        Assert.Equal(job.JobId, read.JobId);
        Assert.Equal(new StoredPageVersion(job.JobId, page.Sha256), await other.GetPageVersionAsync(default));
    }

    [Fact]
    public async Task RecordEnd_MultiMegabytePages_RoundTripByteIdenticalWithTheirHashes()
    {
        var store = await CreateStoreAsync();
        var other = await CreateStoreAsync(shared: store);
        var large = RandomBytes(6 * 1024 * 1024 + 13, seed: 1);
        var smaller = RandomBytes(3 * 1024 * 1024 + 7, seed: 2);
        var (first, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        using (var page = Content(large))
        {
            await store.RecordEndAsync(Succeeded(first), new StoredPageChange.Replace(first.JobId, page), 1000, default);
        }

        var readLarge = await other.GetPageAsync(default);
        var (second, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(1), false), default);
        using (var page = Content(smaller))
        {
            await store.RecordEndAsync(Succeeded(second), new StoredPageChange.Replace(second.JobId, page), 1000, default);
        }

        var readSmaller = await other.GetPageAsync(default);
        Assert.Equal(new StoredPage(first.JobId, large, Convert.ToHexStringLower(SHA256.HashData(large))), readLarge, PageComparer.Instance);
        // Overwritten, not patched: nothing of the larger page is left behind the smaller one.
        Assert.Equal(new StoredPage(second.JobId, smaller, Convert.ToHexStringLower(SHA256.HashData(smaller))), readSmaller, PageComparer.Instance);
        Assert.Equal(readSmaller!.Version, await other.GetPageVersionAsync(default));
    }

    [Fact]
    public async Task RecordEnd_EmptyPage_IsStoredAsEmptyNotAsNoCourse()
    {
        var store = await CreateStoreAsync();
        var (job, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        using var page = Content([]);

        await store.RecordEndAsync(Succeeded(job), new StoredPageChange.Replace(job.JobId, page), 1000, default);

        var read = await store.GetPageAsync(default);
        Assert.Equal(new StoredPage(job.JobId, [], Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty))), read, PageComparer.Instance);
    }

    [Fact]
    public async Task RecordEnd_NoUpcomingCourse_ReplacesThePageWithTheFactAndKeepsNoBytes()
    {
        var store = await CreateStoreAsync();
        var (first, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        using var page = Content([1, 2, 3]);
        await store.RecordEndAsync(Succeeded(first), new StoredPageChange.Replace(first.JobId, page), 1000, default);
        var (second, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(1), false), default);

        await store.RecordEndAsync(Succeeded(second) with { NoUpcomingCourse = true }, new StoredPageChange.NoUpcomingCourse(second.JobId), 1000, default);

        var read = await store.GetPageAsync(default);
        Assert.NotNull(read);
        Assert.True(read.NoUpcomingCourse);
        Assert.Null(read.Sha256);
        Assert.Equal(second.JobId, read.JobId);
        Assert.Equal(new StoredPageVersion(second.JobId, null), await store.GetPageVersionAsync(default));
    }

    [Fact]
    public async Task RecordEnd_KeepOrLoad_LoadsOnlyWhenTheStoredPageIsAnotherAndClosesWhatItLoaded()
    {
        var store = await CreateStoreAsync();
        var (first, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        var opened = new List<MemoryStream>();
        PageContent Load()
        {
            opened.Add(new MemoryStream([4, 5, 6]));
            return PageContent.Hash(opened[^1]);
        }

        // A store without the page (an upgrade): the unchanged sync copies it from disk.
        await store.RecordEndAsync(Succeeded(first), new StoredPageChange.KeepOrLoad(first.JobId, Load), 1000, default);
        var (second, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(1), false), default);
        await store.RecordEndAsync(Succeeded(second), new StoredPageChange.KeepOrLoad(first.JobId, Load), 1000, default);

        var loaded = Assert.Single(opened);
        Assert.False(loaded.CanRead);
        Assert.Equal(new StoredPage(first.JobId, [4, 5, 6], Convert.ToHexStringLower(SHA256.HashData([4, 5, 6]))), await store.GetPageAsync(default), PageComparer.Instance);
    }

    [Fact]
    public async Task RecordEnd_PageChangeFails_NeitherTheJobNorThePageChanges()
    {
        var store = await CreateStoreAsync();
        var (first, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        using var kept = Content([7, 8, 9]);
        await store.RecordEndAsync(Succeeded(first), new StoredPageChange.Replace(first.JobId, kept), 1000, default);
        var (second, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(1), false), default);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RecordEndAsync(
            Succeeded(second),
            new StoredPageChange.KeepOrLoad("sync-0", () => throw new InvalidOperationException("disk gone")),
            1000,
            default));

        // One transaction: the job's success and the page are written together or not at all.
        Assert.Equal(SyncJobStatus.Running, (await store.GetAsync(second.JobId, default))!.Status);
        Assert.Equal(new StoredPageVersion(first.JobId, kept.Sha256), (await store.GetPageAsync(default))!.Version);
    }

    [Fact]
    public async Task RecordEnd_PageSourceFailsMidWrite_NeitherTheJobNorThePageChangesAndTheStoreGoesOn()
    {
        var store = await CreateStoreAsync();
        var old = RandomBytes(2 * 1024 * 1024, seed: 3);
        var (first, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        using (var page = Content(old))
        {
            await store.RecordEndAsync(Succeeded(first), new StoredPageChange.Replace(first.JobId, page), 1000, default);
        }

        var (second, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(1), false), default);
        var next = RandomBytes(4 * 1024 * 1024, seed: 4);
        using (var failing = PageContent.Hashed(new FailingStream(next, failAt: 1024 * 1024), next.Length, Convert.ToHexStringLower(SHA256.HashData(next))))
        {
            await AssertFailsWithIOExceptionAsync(() => store.RecordEndAsync(Succeeded(second), new StoredPageChange.Replace(second.JobId, failing), 1000, default));
        }

        Assert.Equal(SyncJobStatus.Running, (await store.GetAsync(second.JobId, default))!.Status);
        Assert.Equal(new StoredPage(first.JobId, old, Convert.ToHexStringLower(SHA256.HashData(old))), await store.GetPageAsync(default), PageComparer.Instance);

        using (var page = Content(next))
        {
            await store.RecordEndAsync(Succeeded(second), new StoredPageChange.Replace(second.JobId, page), 1000, default);
        }

        Assert.Equal(SyncJobStatus.Success, (await store.GetAsync(second.JobId, default))!.Status);
        Assert.Equal(next, (await store.GetPageAsync(default))!.Html);
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("shorter")]
    [InlineData("longer")]
    public async Task RecordEnd_PageSourceIsNotWhatWasHashed_NothingIsStored(string difference)
    {
        var store = await CreateStoreAsync();
        var (first, _) = await store.StartJobAsync(new SyncJobStart(T0, false), default);
        using (var page = Content([7, 8, 9]))
        {
            await store.RecordEndAsync(Succeeded(first), new StoredPageChange.Replace(first.JobId, page), 1000, default);
        }

        var hashed = RandomBytes(1024 * 1024, seed: 5);
        var actual = difference switch
        {
            "changed" => hashed.Select((b, i) => i == hashed.Length / 2 ? (byte)~b : b).ToArray(),
            "shorter" => hashed[..^1],
            _ => [.. hashed, 0],
        };
        var (second, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(1), false), default);
        using var stale = PageContent.Hashed(new MemoryStream(actual), hashed.Length, Convert.ToHexStringLower(SHA256.HashData(hashed)));

        await AssertFailsWithIOExceptionAsync(() => store.RecordEndAsync(Succeeded(second), new StoredPageChange.Replace(second.JobId, stale), 1000, default));

        Assert.Equal(SyncJobStatus.Running, (await store.GetAsync(second.JobId, default))!.Status);
        Assert.Equal(new StoredPage(first.JobId, [7, 8, 9], Convert.ToHexStringLower(SHA256.HashData([7, 8, 9]))), await store.GetPageAsync(default), PageComparer.Instance);
    }

    [Fact]
    public async Task Initialize_PageStoredBeforeItsBytesMovedToTheLastColumn_IsKeptByteForByte()
    {
        var old = await CreateStoreAtVersionAsync(4);
        var html = RandomBytes(1024 * 1024 + 3, seed: 6);
        var (first, _) = await old.StartJobAsync(new SyncJobStart(T0, false), default);
        using (var page = Content(html))
        {
            await old.RecordEndAsync(Succeeded(first), new StoredPageChange.Replace(first.JobId, page), 1000, default);
        }

        var store = await CreateStoreAsync(shared: old);

        var expected = new StoredPage(first.JobId, html, Convert.ToHexStringLower(SHA256.HashData(html)));
        Assert.Equal(expected, await store.GetPageAsync(default), PageComparer.Instance);
        Assert.Equal(expected.Version, await store.GetPageVersionAsync(default));
        var (second, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(1), false), default);
        await store.RecordEndAsync(Succeeded(second) with { NoUpcomingCourse = true }, new StoredPageChange.NoUpcomingCourse(second.JobId), 1000, default);
        Assert.Equal(new StoredPageVersion(second.JobId, null), await store.GetPageVersionAsync(default));
    }

    [Fact]
    public async Task RecordEnd_PrunesHistory_ThePageStaysOneRow()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            var (job, _) = await store.StartJobAsync(new SyncJobStart(T0.AddMinutes(i), false), default);
            using var page = Content([(byte)i]);
            await store.RecordEndAsync(Succeeded(job), new StoredPageChange.Replace(job.JobId, page), 1, default);
        }

        var latest = await store.GetLatestAsync(default);
        Assert.Single(await store.ListAsync(null, 10, default));
        Assert.Equal(latest!.JobId, (await store.GetPageAsync(default))!.JobId);
        Assert.Equal([2], (await store.GetPageAsync(default))!.Html);
    }

    private static PageContent Content(byte[] html) => PageContent.Hash(new MemoryStream(html));

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The write failed, for an <see cref="IOException"/> of the page's source (a driver may wrap it).</summary>
    private static async Task AssertFailsWithIOExceptionAsync(Func<Task> write)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(write);
        var chain = new List<Exception>();
        for (var e = failure; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }

        Assert.Contains(chain, e => e is IOException);
    }

    private static SyncJobSnapshot Succeeded(SyncJobSnapshot job) =>
        job with { Status = SyncJobStatus.Success, EndTime = job.StartTime.AddSeconds(1), DurationMs = 1000, CourseId = "course-1", FilesGenerated = 1 };

    private static async Task<SyncJobSnapshot> StartAndEndAsync(ISyncJobStore store, DateTimeOffset start, int historyLimit = 1000)
    {
        var (job, _) = await store.StartJobAsync(new SyncJobStart(start, false), default);
        var finished = job with { Status = SyncJobStatus.Success, EndTime = start.AddSeconds(1), DurationMs = 1000, CourseId = "course-1", FilesGenerated = 1 };
        await store.RecordEndAsync(finished, StoredPageChange.None, historyLimit, default);
        return finished;
    }

    /// <summary>A page source whose disk fails partway through.</summary>
    private sealed class FailingStream(byte[] bytes, int failAt) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => Position >= failAt ? throw new IOException("disk gone") : base.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => Position >= failAt ? throw new IOException("disk gone") : base.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }

    /// <summary>Pages by value: the bytes, not the array.</summary>
    private sealed class PageComparer : IEqualityComparer<StoredPage?>
    {
        public static readonly PageComparer Instance = new();

        public bool Equals(StoredPage? x, StoredPage? y) =>
            x is null || y is null
                ? x is null && y is null
                : x.JobId == y.JobId && x.Sha256 == y.Sha256 && (x.Html is null ? y.Html is null : y.Html is not null && x.Html.AsSpan().SequenceEqual(y.Html));

        public int GetHashCode(StoredPage? obj) => obj?.JobId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
