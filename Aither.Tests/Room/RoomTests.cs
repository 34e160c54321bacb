using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Aither.Service.Hemera;
using Aither.Service.State;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Aither.Tests.Infrastructure.TestCourses;

namespace Aither.Tests.Room;

/// <summary>
/// /room through the real ASP.NET pipeline: who may look, caching, security headers, placeholders, the served bytes.
/// Who may look, and the placeholder before any sync, are asked of one service shared by the class that never syncs;
/// a test that syncs or changes the service has one of its own.
/// </summary>
public sealed partial class RoomTests : IAsyncLifetime, IClassFixture<ClerkFixture>, IClassFixture<SharedAitherFactory>
{
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new();
    private readonly InMemoryHemeraCatalog _catalog = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ClerkStandIn _clerk;
    private readonly AitherFactory _shared;
    private AitherFactory _factory = null!;

    public RoomTests(ClerkFixture clerk, SharedAitherFactory shared, ITestOutputHelper output)
    {
        _clerk = clerk.Clerk;
        _output = output;
        _shared = shared.For(output, CreateSharedHost);
    }

    public Task InitializeAsync()
    {
        _catalog.Put(CourseOfTwo());
        _factory = RoomHost.Create(_output, _dir, _catalog, _time);
        Configure(_factory);
        return Task.CompletedTask;
    }

    private static CourseDetail CourseOfTwo() => Course(participants: [Participant("Anna Berg"), Participant("Bernd Kurz", userId: "user-2")]);

    private void Configure(AitherFactory factory)
    {
        factory.Settings["CLERK_ISSUER"] = _clerk.Issuer.ToString().TrimEnd('/');
        factory.Settings["CRON_SECRET"] = "cron-secret-0123456789";
    }

    /// <summary>The shared host outlives this test's folder, catalog and clock, so it has its own; it never syncs.</summary>
    private AitherFactory CreateSharedHost()
    {
        var catalog = new InMemoryHemeraCatalog();
        catalog.Put(CourseOfTwo());
        var factory = RoomHost.CreateWithOwnOutput(_output, catalog, new FakeTimeProvider(Now));
        Configure(factory);
        // The shared host answers every refused request of the class from one address; the limit of failed
        // authentications per address is tested in FailedAuthenticationLimitTests and RoomAuthLimitTests.
        factory.Settings["AUTH_FAILURE_LIMIT"] = "100000";
        return factory;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _dir.Dispose();
    }

    private Task<HttpResponseMessage> GetRoomAsync(string? authorization, HttpMethod? method = null, string? ifNoneMatch = null) =>
        GetRoomAsync(_factory, authorization, method, ifNoneMatch);

    /// <summary>GET /room from the shared host, which has never synced.</summary>
    private Task<HttpResponseMessage> GetSharedRoomAsync(string? authorization) => GetRoomAsync(_shared, authorization);

    private static async Task<HttpResponseMessage> GetRoomAsync(AitherFactory factory, string? authorization, HttpMethod? method = null, string? ifNoneMatch = null)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, "/room");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public static TheoryData<string, string?> Refused => new()
    {
        { "none", null },
        { "wrong Basic password", Basic("kiosk", "not-a-viewer-token-at-all") },
        { "wrong Bearer", "Bearer not-a-viewer-token-at-all" },
        { "wrong scheme", $"Digest username=\"kiosk\", response=\"{RoomHost.ViewerToken}\"" },
        { "viewer token as a scheme", RoomHost.ViewerToken },
        { "malformed Basic", "Basic ###" },
        { "Basic without a colon", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(RoomHost.ViewerToken)) },
        { "expired Clerk admin", "Bearer " + "{expired}" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task GetRoom_BadCredentials_Returns401WithBasicChallenge(string why, string? authorization)
    {
        if (authorization == "Bearer {expired}")
        {
            authorization = "Bearer " + _clerk.CreateToken(ClerkAdmin(), expires: DateTimeOffset.UtcNow.AddMinutes(-5), notBefore: DateTimeOffset.UtcNow.AddMinutes(-10));
        }

        using var response = await GetSharedRoomAsync(authorization);

        Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, why);
        Assert.Equal("Basic realm=\"Aither\"", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    public static TheoryData<string, string> Accepted => new()
    {
        { "Basic with the viewer token, any user", Basic("kiosk-raum-3", RoomHost.ViewerToken) },
        { "Basic with the rotated viewer token, empty user", Basic("", RoomHost.RotatedViewerToken) },
        { "Bearer viewer token", "Bearer " + RoomHost.ViewerToken },
        { "Bearer admin token", "Bearer " + AitherFactory.AdminToken },
        { "Basic with an admin token", Basic("admin", AitherFactory.AdminToken) },
        { "Clerk admin", "{clerk-admin}" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task GetRoom_ViewerOrAdminCredentials_Returns200(string why, string authorization)
    {
        if (authorization == "{clerk-admin}")
        {
            authorization = "Bearer " + _clerk.CreateToken(ClerkAdmin());
        }

        using var response = await GetSharedRoomAsync(authorization);

        Assert.True(HttpStatusCode.OK == response.StatusCode, why);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Room_StoreUnreachableAndNoCopyYet_Answers503WithRetryAfter()
    {
        // The real SQLite store, wrapped so that its page reads fail the way an unreachable server's do.
        InstrumentedSyncJobStore? failing = null;
        var configure = _factory.ConfigureServices;
        _factory.ConfigureServices = services =>
        {
            configure?.Invoke(services);
            var real = services.Last(d => d.ServiceType == typeof(ISyncJobStore));
            services.Remove(real);
            services.AddSingleton<ISyncJobStore>(sp =>
                failing = new InstrumentedSyncJobStore((ISyncJobStore)real.ImplementationFactory!(sp))
                {
                    Failure = new Microsoft.Data.Sqlite.SqliteException("unable to open database file", 14),
                });
        };

        using var response = await GetRoomAsync(Basic("kiosk", RoomHost.ViewerToken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
        Assert.True(failing!.VersionReads + failing.PageReads > 0, "the page source asked the store");
    }

    [Fact]
    public async Task GetRoom_ClerkTokenWithoutAdminRole_Returns403()
    {
        using var response = await GetSharedRoomAsync("Bearer " + _clerk.CreateToken());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetRoom_CronSecret_Returns403()
    {
        using var response = await GetSharedRoomAsync("Bearer cron-secret-0123456789");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetRoot_Anonymous_RedirectsToRoom()
    {
        var client = _shared.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/room", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task GetRoom_AfterSync_ServesTheFileOnDiskPlusOnlyTheRefreshScript()
    {
        await _factory.SyncAsync();

        using var response = await GetRoomAsync(Basic("kiosk", RoomHost.ViewerToken));

        var served = await response.Content.ReadAsByteArrayAsync();
        var file = await File.ReadAllBytesAsync(_dir.Combine("courses", "kommunikation-im-team.html"));
        var (withoutScript, script) = SplitScript(served);
        Assert.Equal(file, withoutScript);
        Assert.DoesNotContain("<script", Encoding.UTF8.GetString(file), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Anna Berg", Encoding.UTF8.GetString(served), StringComparison.Ordinal);
        Assert.Contains("fetch(location.origin + location.pathname, { method: \"HEAD\"", script, StringComparison.Ordinal);
        Assert.Contains("setInterval(check, 30000)", script, StringComparison.Ordinal);
        Assert.EndsWith("</script>\n</body>\n</html>\n", Encoding.UTF8.GetString(served), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoom_Page_SendsCachingAndSecurityHeaders()
    {
        await _factory.SyncAsync();

        using var response = await GetRoomAsync("Bearer " + RoomHost.ViewerToken);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("private, no-cache", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Matches("^\"[0-9a-f]{32}\"$", response.Headers.ETag.Tag);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        var style = StyleElement().Match(body).Groups["content"].Value;
        var script = ScriptElement().Match(body).Groups["content"].Value;
        Assert.Equal(
            $"default-src 'none'; style-src 'sha256-{Sha256(style)}'; script-src 'sha256-{Sha256(script)}'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            Single(response, "Content-Security-Policy"));
        Assert.Contains($"const version = '{response.Headers.ETag.Tag}';", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoom_IfNoneMatchCurrentETag_Returns304UntilTheNextChange()
    {
        await _factory.SyncAsync();
        using var first = await GetRoomAsync("Bearer " + RoomHost.ViewerToken);
        var etag = first.Headers.ETag!.Tag;

        using var unchanged = await GetRoomAsync("Bearer " + RoomHost.ViewerToken, HttpMethod.Head, etag);
        using var other = await GetRoomAsync("Bearer " + RoomHost.ViewerToken, ifNoneMatch: "\"0123456789abcdef0123456789abcdef\"");
        _catalog.Change("course-1", c => c with { Participants = [.. c.Participants, Participant("Carla Neu", userId: "user-3")] });
        await _factory.SyncAsync();
        using var changed = await GetRoomAsync("Bearer " + RoomHost.ViewerToken, HttpMethod.Head, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag!.Tag);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        Assert.Empty(await changed.Content.ReadAsByteArrayAsync());
        Assert.True(changed.Content.Headers.ContentLength > first.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task GetRoom_ForcedSyncWithSameContent_NewETagBecauseTheBytesChanged()
    {
        await _factory.SyncAsync();
        using var first = await GetRoomAsync("Bearer " + RoomHost.ViewerToken);
        _time.Advance(TimeSpan.FromMinutes(5));

        await _factory.SyncAsync(force: true);
        using var second = await GetRoomAsync("Bearer " + RoomHost.ViewerToken);

        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.NotEqual(first.Headers.ETag!.Tag, second.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task GetRoom_BeforeAnySync_ShowsNotSynchronizedPlaceholderThatRefreshesItself()
    {
        using var response = await GetSharedRoomAsync(Basic("kiosk", RoomHost.ViewerToken));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"de\">", body, StringComparison.Ordinal);
        Assert.Contains("<h1>Noch kein Kurs synchronisiert</h1>", body, StringComparison.Ordinal);
        Assert.Contains("<style>", body, StringComparison.Ordinal);
        Assert.Contains($"const version = '{response.Headers.ETag!.Tag}';", body, StringComparison.Ordinal);
        Assert.Contains("script-src 'sha256-", Single(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoom_LastSyncFoundNoUpcomingCourse_ShowsNoUpcomingCoursePlaceholder()
    {
        await _factory.SyncAsync();
        _catalog.Change("course-1", c => c with { StartDate = Now.AddDays(-3), EndDate = Now.AddDays(-1) });
        await _factory.SyncAsync();

        using var response = await GetRoomAsync(Basic("kiosk", RoomHost.ViewerToken));

        Assert.True(_factory.Coordinator.Latest!.NoUpcomingCourse);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Kein bevorstehender Kurs</h1>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna Berg", body, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("courses", "kommunikation-im-team.html")), "the export stays as it was");
    }

    [Fact]
    public async Task GetRoom_FailedSyncAfterSuccess_KeepsServingTheLastPage()
    {
        await _factory.SyncAsync();
        _catalog.CoursesFailure = new SyncFailedException("hemera.courses", "Hemera is down");
        await _factory.SyncAsync();

        using var response = await GetRoomAsync(Basic("kiosk", RoomHost.ViewerToken));

        Assert.Equal(SyncJobStatus.Failed, _factory.Coordinator.Latest!.Status);
        Assert.Contains("Anna Berg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoom_RestartAfterNoUpcomingCourseSync_ShowsNoUpcomingCoursePlaceholder()
    {
        using var state = new TempDirectory();
        await using (var before = Restartable(state))
        {
            await before.SyncAsync();
            _catalog.Change("course-1", c => c with { StartDate = Now.AddDays(-3), EndDate = Now.AddDays(-1) });
            await before.SyncAsync();
        }

        await using var after = Restartable(state);
        using var response = await GetRoomAsync(after, Basic("kiosk", RoomHost.ViewerToken));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Kein bevorstehender Kurs</h1>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna Berg", body, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.Combine("courses", "kommunikation-im-team.html")), "the manifest still names the exported page");
    }

    [Fact]
    public async Task GetRoom_Restart_ServesTheFileOnDiskPlusOnlyTheRefreshScript()
    {
        using var state = new TempDirectory();
        string etag;
        await using (var before = Restartable(state))
        {
            await before.SyncAsync();
            using var first = await GetRoomAsync(before, "Bearer " + RoomHost.ViewerToken);
            etag = first.Headers.ETag!.Tag;
        }

        await using var after = Restartable(state);
        using var response = await GetRoomAsync(after, "Bearer " + RoomHost.ViewerToken);

        var file = await File.ReadAllBytesAsync(_dir.Combine("courses", "kommunikation-im-team.html"));
        Assert.Equal(file, SplitScript(await response.Content.ReadAsByteArrayAsync()).WithoutScript);
        Assert.Equal(etag, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task GetRoom_StoreWithoutThePage_UnchangedSyncCopiesTheFileWithoutRewritingIt()
    {
        using var state = new TempDirectory();
        await using var factory = Restartable(state);
        await factory.SyncAsync();
        var path = _dir.Combine("courses", "kommunikation-im-team.html");
        var written = File.GetLastWriteTimeUtc(path);
        // As after an upgrade from a version that kept no page in the store.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={state.Combine("aither.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM room_page";
            await command.ExecuteNonQueryAsync();
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        using var missing = await GetRoomAsync(factory, "Bearer " + RoomHost.ViewerToken);
        await factory.SyncAsync();
        using var copied = await GetRoomAsync(factory, "Bearer " + RoomHost.ViewerToken);

        Assert.Contains("<h1>Noch kein Kurs synchronisiert</h1>", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, factory.Coordinator.Latest!.FilesSkipped);
        Assert.Equal(await File.ReadAllBytesAsync(path), SplitScript(await copied.Content.ReadAsByteArrayAsync()).WithoutScript);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    /// <summary>A host on <see cref="_dir"/> whose state file is in <paramref name="state"/>, so a second one is the same service restarted.</summary>
    private AitherFactory Restartable(TempDirectory state)
    {
        var factory = RoomHost.Create(_output, _dir, _catalog, _time);
        factory.Settings["SYNC_STATE_CONNECTION"] = state.Combine("aither.db");
        return factory;
    }

    [Fact]
    public async Task GetRoom_NoViewerTokens_RouteOffAndOneStartupLine()
    {
        await using var factory = RoomHost.Create(_output, _dir, _catalog);
        factory.Settings.Remove("ROOM_VIEWER_TOKENS");
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var room = await client.GetAsync("/room");
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/room") { Headers = { Authorization = new("Bearer", AitherFactory.AdminToken) } };
        using var asAdmin = await client.SendAsync(admin);
        using var root = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, room.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        var line = Assert.Single(factory.Logs.Lines, l => l.Contains("ROOM_VIEWER_TOKENS", StringComparison.Ordinal));
        Assert.EndsWith(": The room page /room is off (404) because ROOM_VIEWER_TOKENS is not set.", line, StringComparison.Ordinal);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.GetValues(header));

    internal static (byte[] WithoutScript, string Script) SplitScript(byte[] served)
    {
        var text = Encoding.UTF8.GetString(served);
        var start = text.IndexOf("<script>", StringComparison.Ordinal);
        var end = text.IndexOf("</script>\n", StringComparison.Ordinal) + "</script>\n".Length;
        Assert.Equal(start, text.LastIndexOf("<script", StringComparison.Ordinal));
        var prefix = Encoding.UTF8.GetByteCount(text[..start]);
        var length = Encoding.UTF8.GetByteCount(text[start..end]);
        return ([.. served.AsSpan(0, prefix), .. served.AsSpan(prefix + length)], text[start..end]);
    }

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, object?> ClerkAdmin() =>
        new() { ["metadata"] = new Dictionary<string, object> { ["role"] = "admin" } };

    [GeneratedRegex("<style>(?<content>.*?)</style>", RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex StyleElement();

    [GeneratedRegex("<script>(?<content>.*?)</script>", RegexOptions.Singleline | RegexOptions.ExplicitCapture)]
    private static partial Regex ScriptElement();
}
