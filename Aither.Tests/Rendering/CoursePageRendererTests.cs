using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Aither.Service.Hemera;
using Aither.Service.Rendering;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Aither.Tests.Infrastructure.TestCourses;

namespace Aither.Tests.Rendering;

public sealed class CoursePageRendererTests
{
    private const string UpdateGoldenVariable = "AITHER_UPDATE_GOLDEN";
    private readonly CoursePageRenderer _renderer = new(Options.Create(new RenderingOptions()));

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;")]
    [InlineData("Tom & Jerry's", "Tom &amp; Jerry&#x27;s")]
    public void Render_MarkupInHemeraText_ShownAsText(string hostile, string escaped)
    {
        var course = Course(title: hostile, slug: hostile, participants:
            [Participant(hostile, intent: hostile, results: hostile, lineManager: hostile)]);

        var page = _renderer.Render(course, Now);

        Assert.DoesNotContain(hostile, page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);
        Assert.Equal(8, CountOf(page, escaped)); // <title>, h1, Kurs, Slug, four participant cells
    }

    [Fact]
    public void Render_NullAndEmptyTexts_ShowDash()
    {
        var course = Course(participants: [Participant(null, intent: null, results: "", lineManager: "   ")]);

        var page = _renderer.Render(course, Now);

        Assert.Contains(Row("–", "–", "–", "–", "–"), page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PreparationCompleted_ShowsJa()
    {
        var course = Course(participants: [Participant("Anna", intent: "A", results: "B", lineManager: "C", completedAt: Now)]);

        var page = _renderer.Render(course, Now);

        Assert.Contains(Row("Anna", "A", "B", "C", "Ja"), page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoParticipants_ShowsEmptyMessageAndNoTable()
    {
        var page = _renderer.Render(Course(), Now);

        Assert.Contains("<p class=\"empty\">Keine Teilnehmer vorhanden.</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<table class=\"participants\">", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Teilnehmer</th><td>0</td></tr>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UtcDateThatIsNextDayInBerlin_ShowsBerlinDate()
    {
        var course = Course(
            start: new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero),
            end: new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero)); // summer time: 00:00 on 1 July

        var page = _renderer.Render(course, Now);

        Assert.Contains("<tr><th scope=\"row\">Startdatum</th><td>02.12.2026</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Enddatum</th><td>01.07.2026</td></tr>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingDates_ShowDash()
    {
        var page = _renderer.Render(Course() with { StartDate = null, EndDate = null }, Now);

        Assert.Contains("<tr><th scope=\"row\">Startdatum</th><td>–</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Enddatum</th><td>–</td></tr>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DisplayTimeZoneOverride_UsesThatZone()
    {
        var renderer = new CoursePageRenderer(Options.Create(new RenderingOptions { DisplayTimeZone = "America/New_York" }));
        var course = Course(start: new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

        var page = renderer.Render(course, new DateTimeOffset(2026, 11, 30, 4, 5, 0, TimeSpan.Zero));

        Assert.Contains("<td>01.12.2026</td>", page, StringComparison.Ordinal);
        Assert.Contains("Generiert am 29.11.2026 um 23:05 Uhr", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GenerationTime_ShownInBerlinInFooter()
    {
        var page = _renderer.Render(Course(), new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero));

        Assert.Contains("<footer>Generiert am 30.11.2026 um 11:15 Uhr</footer>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Participants_SortedByGermanNameNullLastThenParticipationId()
    {
        var course = Course(participants:
        [
            Participant(null, participationId: "p0", userId: "u0"),
            Participant("Zoe", userId: "u1"),
            Participant("Ärger", userId: "u2"),
            Participant("anna", participationId: "p9", userId: "u3"),
            Participant("anna", participationId: "p1", userId: "u4", intent: "erste"),
            Participant("Bernd", userId: "u5"),
        ]);

        var page = _renderer.Render(course, Now);

        const string rowStart = "<tr><td data-label=\"Name\">";
        var rows = page.Split('\n').Where(l => l.StartsWith(rowStart, StringComparison.Ordinal)).Select(l => l[rowStart.Length..l.IndexOf("</td>", StringComparison.Ordinal)]).ToArray();
        Assert.Equal(["anna", "anna", "Ärger", "Bernd", "Zoe", "–"], rows);
        Assert.Contains(rowStart + "anna</td><td data-label=\"Vorbereitungsabsicht\">erste</td>", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf(">erste</td>", StringComparison.Ordinal) < page.LastIndexOf(rowStart + "anna</td>", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_LineBreaksInText_KeptVerbatimWithoutMarkup()
    {
        var page = _renderer.Render(Course(participants: [Participant("Anna", intent: "Zeile 1\nZeile 2")]), Now);

        Assert.Contains("<td data-label=\"Vorbereitungsabsicht\">Zeile 1\nZeile 2</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<br", page, StringComparison.Ordinal);
        Assert.Contains("white-space: pre-wrap", page, StringComparison.Ordinal);
        Assert.Contains("overflow-wrap: break-word", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnyCourse_IsStandaloneGermanHtml5WithPrintStyles()
    {
        var page = _renderer.Render(Course(participants: [Participant("Anna")]), Now);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"de\">", page, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", page, StringComparison.Ordinal);
        Assert.Contains("@media print", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Kursdetails</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Teilnehmer &amp; Vorbereitungen</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Level</th><td>Fortgeschritten</td></tr>", page, StringComparison.Ordinal);
        foreach (var external in new[] { "http:", "https:", "src=", "<link", "<script", "@import", "url(" })
        {
            Assert.DoesNotContain(external, page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Render_Stream_IsUtf8WithoutBom()
    {
        using var buffer = new MemoryStream();

        _renderer.Render(Course(title: "Führung"), Now, buffer);

        var bytes = buffer.ToArray();
        Assert.Equal((byte)'<', bytes[0]);
        Assert.Contains("Führung", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTimeZone_FailsNamingTheVariable()
    {
        var result = new RenderingOptionsValidator().Validate(null, new RenderingOptions { DisplayTimeZone = "Mars/Olympus_Mons" });

        Assert.True(result.Failed);
        Assert.Contains("DISPLAY_TIME_ZONE", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new RenderingOptionsValidator().Validate(null, new RenderingOptions()).Succeeded);
    }

    /// <summary>Set AITHER_UPDATE_GOLDEN=1 to rewrite the reference page after an intended change, then review the diff.</summary>
    [Fact]
    public void Render_FixedInput_MatchesGoldenPage()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero));
        var course = new CourseDetail(
            "course-2026-042",
            "Führung & Kommunikation <Intensiv>",
            "fuehrung-kommunikation-intensiv",
            CourseLevel.Advanced,
            new DateTimeOffset(2026, 12, 7, 23, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 12, 9, 15, 0, 0, TimeSpan.Zero),
            [
                new Participant("b-2", "p-2", "u-2", "Zoë Müller", "CONFIRMED",
                    "Ich möchte lernen, schwierige Gespräche ruhig zu führen.\nUnd: Feedback geben.",
                    "Ein Leitfaden für Jahresgespräche", "Leitet seit 2019 ein Team von 12 Personen.",
                    new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero)),
                new Participant("b-3", "p-3", "u-3", "<script>alert(1)</script>", "CONFIRMED",
                    "\"><img src=x onerror=alert(1)>", "Tom & Jerry's \"Plan\"", "`=`", null),
                new Participant(null, null, "u-4", null, "PENDING", null, null, null, null),
                new Participant("b-1", "p-1", "u-1", "Ärzte Team", "CONFIRMED", "", "   ", "Abteilungsleitung", null),
            ]);

        var actual = _renderer.Render(course, time.GetUtcNow());

        var goldenPath = GoldenPath();
        if (Environment.GetEnvironmentVariable(UpdateGoldenVariable) == "1")
        {
            File.WriteAllText(goldenPath, actual, new UTF8Encoding(false));
        }

        var expected = File.ReadAllBytes(goldenPath);
        var actualBytes = new UTF8Encoding(false).GetBytes(actual);
        if (!expected.AsSpan().SequenceEqual(actualBytes))
        {
            Assert.Fail(Describe(Encoding.UTF8.GetString(expected), actual, goldenPath));
        }
    }

    /// <summary>
    /// The golden page above at scale: hundreds of rows, markup-dense and multi-byte texts, a text longer than the
    /// writer's buffer. The digest is of the bytes as written; the order depends on the runtime's German collation.
    /// </summary>
    [Fact]
    public void Render_VariedCourse_PinnedBytes()
    {
        using var buffer = new MemoryStream();

        _renderer.Render(VariedCourses.Course(400), Now, buffer);

        Assert.Equal("f32a9822a835e0dc5760c75cecc378a5713f6ed79218127d8f27ab49a12ecb37", Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))));
    }

    [Fact]
    public void Render_OrderedCourse_SameBytesAsTheCourse()
    {
        var course = VariedCourses.Course(60);
        using var fromCourse = new MemoryStream();
        using var fromOrdered = new MemoryStream();

        _renderer.Render(course, Now, fromCourse);
        _renderer.Render(new OrderedCourse(course), Now, fromOrdered);

        Assert.Equal(fromCourse.ToArray(), fromOrdered.ToArray());
        Assert.Equal(_renderer.ComputeContentHash(course), _renderer.ComputeContentHash(new OrderedCourse(course)));
    }

    private static string Row(string name, string intent, string results, string lineManager, string completed) =>
        $"<tr><td data-label=\"Name\">{name}</td><td data-label=\"Vorbereitungsabsicht\">{intent}</td>" +
        $"<td data-label=\"Gewünschte Ergebnisse\">{results}</td><td data-label=\"Profil des Vorgesetzten\">{lineManager}</td>" +
        $"<td data-label=\"Vorbereitung abgeschlossen\">{completed}</td></tr>";

    private static string Describe(string expected, string actual, string goldenPath)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"The page differs from {goldenPath} at line {i + 1}:\n  expected: {e}\n  actual:   {a}\n" +
                    $"If the change is intended, rerun with {UpdateGoldenVariable}=1 and review the diff.";
            }
        }

        return $"The page differs from {goldenPath} only in line endings or a trailing newline.";
    }

    private static string GoldenPath([CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "CoursePage.golden.html");

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
