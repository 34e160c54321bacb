using System.Text;
using Aither.Service.Room;
using Aither.Service.State;
using Aither.Service.State.Sqlite;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Room;

/// <summary>The served copy against a real SQLite store that can be made to fail: how often the store is asked, and what is served while it cannot be reached.</summary>
public sealed class RoomPageSourceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = TestCourses.Now;

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly TestLoggerProvider _logs = new();
    private readonly InstrumentedSyncJobStore _store;
    private readonly RoomPageComposer _composer = new(Options.Create(new RoomOptions()));
    private readonly ILoggerFactory _loggerFactory;
    private readonly RoomPageSource _source;

    public RoomPageSourceTests(ITestOutputHelper output)
    {
        _logs.Output = output;
        _store = new InstrumentedSyncJobStore(new SqliteSyncJobStore(_dir.Combine("aither.db")));
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));
        _source = new RoomPageSource(_store, _composer, _time, Options.Create(new StateOptions { RefreshMs = 1000 }), _loggerFactory.CreateLogger<RoomPageSource>());
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task CurrentAsync_WithinTheRefreshInterval_AsksTheStoreOnce()
    {
        await _store.InitializeAsync(default);
        var html = await StorePageAsync("<p>Anna Berg</p>");

        var first = await _source.CurrentAsync(default);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        var second = await _source.CurrentAsync(default);

        Assert.Same(first, second);
        Assert.Equal(1, _store.VersionReads);
        Assert.Equal(_composer.Compose(html).ETag, first!.ETag);
    }

    [Fact]
    public async Task CurrentAsync_AfterTheIntervalWithTheSamePage_AsksForTheVersionOnlyAndKeepsTheCopy()
    {
        await _store.InitializeAsync(default);
        await StorePageAsync("<p>Anna Berg</p>");
        var first = await _source.CurrentAsync(default);

        _time.Advance(TimeSpan.FromMilliseconds(1001));
        var second = await _source.CurrentAsync(default);

        Assert.Same(first, second);
        Assert.Equal(2, _store.VersionReads);
        Assert.Equal(1, _store.PageReads);
    }

    [Fact]
    public async Task CurrentAsync_OwnSyncCompleted_AsksAtOnce()
    {
        await _store.InitializeAsync(default);
        await StorePageAsync("<p>Anna Berg</p>");
        await _source.CurrentAsync(default);
        await StorePageAsync("<p>Carla Neu</p>");

        _source.SyncCompleted(new SyncJobSnapshot("sync-2", SyncJobStatus.Success, false, T0, T0, 0, "course-1", false, 1, 1, 0, []));
        var page = await _source.CurrentAsync(default);

        Assert.Contains("Carla Neu", Encoding.UTF8.GetString(page!.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentAsync_StoreUnreachable_ServesThePreviousCopyAndAsksAgainOnlyAfterTheInterval()
    {
        await _store.InitializeAsync(default);
        await StorePageAsync("<p>Anna Berg</p>");
        var before = await _source.CurrentAsync(default);
        _store.Failure = new SqliteException("unreachable", 14);

        _time.Advance(TimeSpan.FromMilliseconds(1001));
        var during = await _source.CurrentAsync(default);
        var soonAfter = await _source.CurrentAsync(default);

        Assert.Same(before, during);
        Assert.Same(before, soonAfter);
        Assert.Equal(2, _store.VersionReads);
        var line = Assert.Single(_logs.Lines, l => l.Contains("room.store-unavailable", StringComparison.Ordinal));
        Assert.Contains("servingPreviousCopy=True", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna Berg", _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentAsync_StoreUnreachableBeforeAnyCopy_IsNull()
    {
        await _store.InitializeAsync(default);
        _store.Failure = new SqliteException("unreachable", 14);

        Assert.Null(await _source.CurrentAsync(default));
    }

    private async Task<byte[]> StorePageAsync(string body)
    {
        var html = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><head><style>p{{}}</style></head><body>{body}</body></html>\n");
        var (job, _) = await _store.StartJobAsync(new SyncJobStart(_time.GetUtcNow(), true), default);
        var done = job with { Status = SyncJobStatus.Success, EndTime = job.StartTime, DurationMs = 0 };
        using var content = PageContent.Hash(new MemoryStream(html));
        await _store.RecordEndAsync(done, new StoredPageChange.Replace(job.JobId, content), 10, default);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return html;
    }
}
