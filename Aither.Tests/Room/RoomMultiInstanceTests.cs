using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Aither.Tests.Infrastructure.TestCourses;

namespace Aither.Tests.Room;

/// <summary>
/// Two instances (two app hosts, each with an output folder of its own) on one real PostgreSQL database: whatever
/// instance syncs, every instance serves the same bytes at /room, after at most SYNC_STATE_REFRESH_MS.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RoomMultiInstanceTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private const int RefreshMs = 1000;

    private readonly TempDirectory _outputA = new();
    private readonly TempDirectory _outputB = new();
    private readonly InMemoryHemeraCatalog _catalog = new();
    private readonly FakeTimeProvider _time = new(Now);
    private AitherFactory _a = null!;
    private AitherFactory _b = null!;

    public async Task InitializeAsync()
    {
        _catalog.Put(Course(participants: [Participant("Anna Berg"), Participant("Bernd Kurz", userId: "user-2")]));
        var connection = await server.CreateDatabaseAsync();
        _a = Instance(_outputA, connection);
        _b = Instance(_outputB, connection);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _outputA.Dispose();
        _outputB.Dispose();
    }

    [Fact]
    public async Task GetRoom_SyncOnA_BServesTheSameBytesAndETagWithinTheRefreshInterval()
    {
        var before = await GetRoomAsync(_b);
        await _a.SyncAsync();

        var onA = await GetRoomAsync(_a);
        var cachedOnB = await GetRoomAsync(_b);
        var onB = await WaitForRoomAsync(_b, room => room.ETag == onA.ETag);

        Assert.Contains("<h1>Noch kein Kurs synchronisiert</h1>", before.Text, StringComparison.Ordinal);
        // Within SYNC_STATE_REFRESH_MS B answers from its copy in memory, without asking the store.
        Assert.Equal(before.ETag, cachedOnB.ETag);
        Assert.Contains("Anna Berg", onA.Text, StringComparison.Ordinal);
        Assert.Equal(onA.Body, onB.Body);
        Assert.Equal(onA.ETag, onB.ETag);
        Assert.Equal(onA.ContentSecurityPolicy, onB.ContentSecurityPolicy);
        var file = await File.ReadAllBytesAsync(_outputA.Combine("courses", "kommunikation-im-team.html"));
        Assert.Equal(file, RoomTests.SplitScript(onB.Body).WithoutScript);
        Assert.False(Directory.Exists(_outputB.Combine("courses")), "B wrote nothing: it serves the copy in the state store");

        using var notModified = await SendAsync(_b, HttpMethod.Head, onA.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task GetRoom_NoUpcomingCourseSyncOnA_BServesTheNoUpcomingCoursePlaceholder()
    {
        await _a.SyncAsync();
        var page = await WaitForRoomAsync(_b, room => room.Text.Contains("Anna Berg", StringComparison.Ordinal));
        _catalog.Change("course-1", c => c with { StartDate = Now.AddDays(-3), EndDate = Now.AddDays(-1) });

        await _a.SyncAsync();
        var onB = await WaitForRoomAsync(_b, room => room.ETag != page.ETag);

        Assert.True(_a.Coordinator.Latest!.NoUpcomingCourse);
        Assert.Contains("<h1>Kein bevorstehender Kurs</h1>", onB.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna Berg", onB.Text, StringComparison.Ordinal);
        Assert.Equal(onB.Body, (await GetRoomAsync(_a)).Body);
        Assert.True(File.Exists(_outputA.Combine("courses", "kommunikation-im-team.html")), "the export stays as it was");
    }

    [Fact]
    public async Task GetRoom_FailedSyncOnA_BothKeepServingThePreviousPage()
    {
        await _a.SyncAsync();
        var page = await WaitForRoomAsync(_b, room => room.Text.Contains("Anna Berg", StringComparison.Ordinal));
        _catalog.Change("course-1", c => c with { Participants = [.. c.Participants, Participant("Carla Neu", userId: "user-3")] });
        _catalog.CoursesFailure = new SyncFailedException("hemera.courses", "Hemera is down");

        await _b.SyncAsync();
        _time.Advance(TimeSpan.FromMilliseconds(RefreshMs + 1));
        var onA = await GetRoomAsync(_a);
        var onB = await GetRoomAsync(_b);

        Assert.Equal(SyncJobStatus.Failed, _b.Coordinator.Latest!.Status);
        Assert.Equal(page.ETag, onA.ETag);
        Assert.Equal(page.Body, onB.Body);
    }

    [Fact]
    public async Task GetRoom_SyncOnB_AServesItsPageAlthoughAWroteTheEarlierOne()
    {
        await _a.SyncAsync();
        await WaitForRoomAsync(_b, room => room.Text.Contains("Anna Berg", StringComparison.Ordinal));
        _catalog.Change("course-1", c => c with { Participants = [.. c.Participants, Participant("Carla Neu", userId: "user-3")] });

        await _b.SyncAsync();
        var onB = await GetRoomAsync(_b);
        var onA = await WaitForRoomAsync(_a, room => room.ETag == onB.ETag);

        Assert.Contains("Carla Neu", onA.Text, StringComparison.Ordinal);
        Assert.Equal(onB.Body, onA.Body);
        // A's own export is left from its last sync; what A serves is the shared page.
        Assert.DoesNotContain("Carla Neu", await File.ReadAllTextAsync(_outputA.Combine("courses", "kommunikation-im-team.html")), StringComparison.Ordinal);
    }

    private AitherFactory Instance(TempDirectory outputDir, string connection)
    {
        var factory = RoomHost.Create(output, outputDir, _catalog, _time);
        factory.Settings["SYNC_STATE_PROVIDER"] = "postgres";
        factory.Settings["SYNC_STATE_CONNECTION"] = connection;
        factory.Settings["SYNC_STATE_REFRESH_MS"] = RefreshMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return factory;
    }

    /// <summary>Asks <paramref name="instance"/> until its answer meets <paramref name="condition"/>, letting the shared clock pass one refresh interval between attempts.</summary>
    private async Task<Room> WaitForRoomAsync(AitherFactory instance, Func<Room, bool> condition)
    {
        using var guard = new CancellationTokenSource(TestTimeouts.Guard);
        while (true)
        {
            var room = await GetRoomAsync(instance);
            if (condition(room))
            {
                return room;
            }

            guard.Token.ThrowIfCancellationRequested();
            _time.Advance(TimeSpan.FromMilliseconds(RefreshMs + 1));
        }
    }

    private static async Task<Room> GetRoomAsync(AitherFactory instance)
    {
        using var response = await SendAsync(instance, HttpMethod.Get, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new Room(body, Encoding.UTF8.GetString(body), response.Headers.ETag!.Tag, string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
    }

    private static async Task<HttpResponseMessage> SendAsync(AitherFactory instance, HttpMethod method, string? ifNoneMatch)
    {
        var client = instance.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, "/room");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RoomHost.ViewerToken);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    private sealed record Room(byte[] Body, string Text, string ETag, string ContentSecurityPolicy);
}
