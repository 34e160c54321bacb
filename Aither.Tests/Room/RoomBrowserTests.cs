using Aither.Service.Hemera;
using Aither.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using static Aither.Tests.Infrastructure.TestCourses;

namespace Aither.Tests.Room;

/// <summary>
/// The room screen as a kiosk runs it: headless Chromium logged in with HTTP Basic (credentials in the URL, as
/// a kiosk's start page would have them) against the service on a real port, following syncs by itself.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoomBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly ChromiumBrowser _browser;
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new();
    private readonly InMemoryHemeraCatalog _catalog = new();
    private readonly RequestRecorder _requests = new();
    private AitherFactory _factory = null!;

    public RoomBrowserTests(ChromiumBrowser browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
    }

    public Task InitializeAsync()
    {
        _factory = RoomHost.Create(_output, _dir, _catalog).UseRealKestrel();
        _factory.Settings["ROOM_REFRESH_SECONDS"] = "1";
        var roomServices = _factory.ConfigureServices;
        _factory.ConfigureServices = services =>
        {
            roomServices?.Invoke(services);
            services.AddSingleton<IStartupFilter>(_requests);
        };
        _factory.StartServer();
        _browser.Emulate(1280, 900);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var request in _requests.Requests)
        {
            _output.WriteLine($"{request.Method} {request.Path} {request.Status}");
        }

        // Leave the shared browser on a blank page, so no refresh script keeps polling a stopped server.
        _browser.Navigate(new Uri("about:blank"));
        await _factory.DisposeAsync();
        _dir.Dispose();
    }

    private Uri RoomAsKiosk() =>
        new UriBuilder(new Uri(_factory.RestAddress!, "/room")) { UserName = "kiosk", Password = RoomHost.ViewerToken }.Uri;

    private string BodyText => (string)_browser.Script("return document.body.innerText;")!;

    private object? Marker => _browser.Script("return window.aitherTestMarker;");

    private void SetMarker(string value) => _browser.Script("window.aitherTestMarker = arguments[0];", value);

    private int HeadChecks(int status) => _requests.Requests.Count(r => r.Method == "HEAD" && r.Path == "/room" && r.Status == status);

    [Fact]
    public async Task RoomScreen_NewSyncs_PageFollowsWithoutManualReloadAndOnlyWhenChanged()
    {
        _catalog.Put(Course(participants: [Participant("Anna Berg")]));
        _browser.Navigate(RoomAsKiosk());
        Assert.Equal("Noch kein Kurs synchronisiert", _browser.Driver.FindElement(By.TagName("h1")).Text);
        _browser.Script("window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective));");
        SetMarker("placeholder");
        _output.WriteLine(_browser.SaveFullPageScreenshot("room-placeholder-1280.png"));

        await _factory.SyncAsync();
        await ChromiumBrowser.WaitUntilAsync(() => BodyText.Contains("Anna Berg", StringComparison.Ordinal), Bound, "the course page to replace the placeholder");
        Assert.Null(Marker);
        Assert.Equal("Kommunikation im Team", _browser.Driver.FindElement(By.TagName("h1")).Text);
        Assert.Equal("18px", _browser.Script("return getComputedStyle(document.body).fontSize;"));

        SetMarker("first page");
        _browser.Script("window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective));");
        var checks = HeadChecks(304);
        await ChromiumBrowser.WaitUntilAsync(() => HeadChecks(304) >= checks + 2, Bound, "two checks answered 304 Not Modified");
        Assert.Equal("first page", Marker);
        Assert.Equal(0L, _browser.Script("return window.cspViolations.length;"));

        _catalog.Change("course-1", c => c with { Participants = [.. c.Participants, Participant("Carla Neu", userId: "user-3")] });
        await _factory.SyncAsync();
        await ChromiumBrowser.WaitUntilAsync(() => BodyText.Contains("Carla Neu", StringComparison.Ordinal), Bound, "the changed page");
        Assert.Null(Marker);
        Assert.Contains("Anna Berg", BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoomScreen_NoUpcomingCourse_PlaceholderFitsAPhone()
    {
        _catalog.Put(Course(start: Now.AddDays(-3), end: Now.AddDays(-2)));
        await _factory.SyncAsync();
        _browser.Emulate(360, 740);

        _browser.Navigate(RoomAsKiosk());

        Assert.Equal("Kein bevorstehender Kurs", _browser.Driver.FindElement(By.TagName("h1")).Text);
        var layout = PageLayoutProbe.Measure(_browser);
        _output.WriteLine(_browser.SaveFullPageScreenshot("room-placeholder-360.png"));
        Assert.True(layout.ScrollWidth <= layout.InnerWidth, $"scrollWidth {layout.ScrollWidth} > innerWidth {layout.InnerWidth}");
        Assert.True(layout.MinFontPx >= 14, $"{layout.MinFontPx}px at {layout.MinFontAt}");
        Assert.Empty(layout.BrokenHeadingWords);
    }

    public static readonly string[] Payloads =
    [
        "<script>window.xssFired = 'script'; alert('xss')</script>",
        "<img src=x onerror=\"window.xssFired = 'img'; alert('img')\">",
        "\"><svg onload=\"window.xssFired = 'svg'\"></svg>",
        "</td></tr></table><iframe src=\"javascript:alert(1)\"></iframe>",
        "</style><script>window.xssFired = 'style'</script>",
        "</body><script>window.xssFired = 'body'</script>",
        "{{7*7}} ${7*7} javascript:alert(1)",
    ];

    [Fact]
    public async Task RoomScreen_HostileTextsFromHemera_ShownAsTextNothingRuns()
    {
        var participants = Payloads.Select((p, i) => Participant(p, userId: $"user-{i}", intent: p, results: p, lineManager: p)).ToArray();
        _catalog.Put(Course(title: Payloads[0], slug: "kurs-mit-markup", participants: participants));
        await _factory.SyncAsync();

        _browser.Navigate(RoomAsKiosk());

        Assert.Throws<NoAlertPresentException>(() => _browser.Driver.SwitchTo().Alert());
        Assert.Null(_browser.Script("return window.xssFired;"));
        Assert.Equal(0L, _browser.Script("return document.querySelectorAll('img, svg, iframe, object, embed, base, link, meta[http-equiv]').length;"));
        Assert.Equal(1L, _browser.Script("return document.scripts.length;"));
        Assert.Equal(Payloads[0], _browser.Driver.FindElement(By.TagName("h1")).Text);
        var text = BodyText;
        Assert.All(Payloads, payload => Assert.Contains(payload, text, StringComparison.Ordinal));
        Assert.Equal(Payloads.Length, (long)_browser.Script("return document.querySelectorAll('table.participants tbody tr').length;")!);
    }
}
