using System.Runtime.CompilerServices;
using Aither.Service.Hemera;
using Aither.Service.Rendering;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Rendering;

/// <summary>
/// The rendered page as a person sees it, in headless Chromium: from a 360 px phone to a 1920 px projector and
/// printed on A4. Every run saves its screenshots to <c>screenshots/</c> in the test output folder; with
/// AITHER_UPDATE_SCREENSHOTS=1 the sample course's screenshots also replace the references in <c>docs/room/</c>.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class CoursePageLayoutTests(ChromiumBrowser browser, ITestOutputHelper output) : IDisposable
{
    private const string UpdateScreenshotsVariable = "AITHER_UPDATE_SCREENSHOTS";

    // A4 minus the 12 mm margins of the print style, in CSS pixels (96 per inch).
    private const int A4PortraitWidth = 703;
    private const int A4LandscapeWidth = 1032;

    private readonly CoursePageRenderer _renderer = new(Options.Create(new RenderingOptions()));
    private readonly TempDirectory _pages = new();

    public static TheoryData<string, int> ScreenCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var course in new[] { "sample", "large" })
        {
            foreach (var width in new[] { 360, 768, 1024, 1440, 1920 })
            {
                data.Add(course, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScreenCases))]
    public void Page_AtScreenWidth_IsReadable(string course, int width)
    {
        browser.Emulate(width, 900);
        browser.Navigate(PageFor(course));

        var layout = PageLayoutProbe.Measure(browser);
        var screenshot = browser.SaveFullPageScreenshot($"course-page-{course}-{width}.png", ScreenshotHeight(course));
        output.WriteLine($"{screenshot}\nsmallest font {layout.MinFontPx}px at {layout.MinFontAt}");
        if (course == "sample")
        {
            KeepReference(screenshot, $"course-page-{width}.png");
        }

        AssertReadable(layout, minFontPx: 14);
        AssertParticipantsAs(width < 1200 ? Cards : Table, layout);
    }

    [Theory]
    [InlineData("sample", false)]
    [InlineData("sample", true)]
    [InlineData("large", false)]
    [InlineData("large", true)]
    public void Page_PrintedOnA4_ShowsEveryColumnUnclipped(string course, bool landscape)
    {
        var orientation = landscape ? "landscape" : "portrait";
        browser.Navigate(PageFor(course));
        output.WriteLine(browser.SavePdf($"course-page-{course}-a4-{orientation}.pdf", landscape));

        browser.Emulate(landscape ? A4LandscapeWidth : A4PortraitWidth, 1000, print: true);
        var layout = PageLayoutProbe.Measure(browser);
        output.WriteLine(browser.SaveFullPageScreenshot($"course-page-{course}-print-{orientation}.png", ScreenshotHeight(course)));
        browser.Emulate(1280, 900);

        AssertReadable(layout, minFontPx: 14);
        AssertParticipantsAs(landscape ? Table : Cards, layout);
    }

    private void AssertReadable(PageLayout layout, double minFontPx)
    {
        Assert.True(layout.TextNodes > 20, $"only {layout.TextNodes} visible text nodes: the page did not load");
        Assert.True(layout.ScrollWidth <= layout.InnerWidth, $"the page scrolls sideways: scrollWidth {layout.ScrollWidth} > innerWidth {layout.InnerWidth}");
        AssertNone(layout.OverlappingHeaders, "header cells overlap");
        AssertNone(layout.SpillingCells, "text spills out of its cell");
        AssertNone(layout.NarrowBoxes, "boxes too narrow for a word");
        AssertNone(layout.BrokenWords, "words broken although they fit");
        AssertNone(layout.BrokenHeadingWords, "heading words broken");
        Assert.True(layout.MinFontPx >= minFontPx, $"{layout.MinFontPx}px text at {layout.MinFontAt}");
    }

    // The large course is tens of thousands of pixels tall; its top shows enough participants to judge.
    private static int ScreenshotHeight(string course) => course == "large" ? 2400 : 12000;

    private const string Cards = "cards";
    private const string Table = "table";

    private static void AssertParticipantsAs(string kind, PageLayout layout)
    {
        if (kind == Cards)
        {
            Assert.Equal("block", layout.ParticipantRowDisplay);
            Assert.Equal(["none", "\"Vorbereitungsabsicht\"", "\"Gewünschte Ergebnisse\"", "\"Profil des Vorgesetzten\"", "\"Vorbereitung abgeschlossen: \""], layout.CardLabels);
        }
        else
        {
            Assert.Equal("table-row", layout.ParticipantRowDisplay);
            Assert.All(layout.CardLabels, label => Assert.Equal("none", label));
        }
    }

    private static void AssertNone(string[] problems, string what) =>
        Assert.True(problems.Length == 0, $"{problems.Length} {what}:\n{string.Join('\n', problems.Take(20))}");

    private Uri PageFor(string course)
    {
        var detail = course switch
        {
            "sample" => TestPages.SampleCourse(),
            "large" => TestPages.LargeCourse(),
            _ => throw new ArgumentOutOfRangeException(nameof(course)),
        };
        var path = _pages.Combine($"{course}.html");
        using (var file = File.Create(path))
        {
            _renderer.Render(detail, TestCourses.Now, file);
        }

        return new Uri(path);
    }

    private static void KeepReference(string screenshot, string name, [CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) != "1")
        {
            return;
        }

        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", "docs", "room"));
        Directory.CreateDirectory(folder);
        File.Copy(screenshot, Path.Combine(folder, name), overwrite: true);
    }

    public void Dispose() => _pages.Dispose();
}
