using Aither.Service.Hemera;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Infrastructure;

/// <summary>The courses the page is looked at with in the browser: the built-in sample and a large, wordy one.</summary>
public static class TestPages
{
    /// <summary>The upcoming course of the built-in sample catalogue, as `dotnet run` shows it.</summary>
    public static CourseDetail SampleCourse()
    {
        var catalog = new SampleHemeraCatalog(new FakeTimeProvider(TestCourses.Now), NullLogger<SampleHemeraCatalog>.Instance);
        return catalog.GetCourseDetailAsync(SampleHemeraCatalog.UpcomingCourseId, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// 60 participants whose texts are long (several hundred characters, line breaks, long German compounds,
    /// a URL, markup characters), with long double names and a long course title.
    /// </summary>
    public static CourseDetail LargeCourse()
    {
        string[] firstNames = ["Maximiliane", "Jörg", "Anneliese", "Ülkü", "Friedrich-Wilhelm", "Zoë", "Bartholomäus", "Małgorzata", "Li", "Jean-Baptiste"];
        string[] lastNames = ["Großmann-Schwarzenberger", "Müller", "von Hohenstaufen-Liebenwerda", "Öztürk", "Nguyen", "Schäfer", "Brzęczyszczykiewicz", "Ek"];
        string[] sentences =
        [
            "Ich möchte in der nächsten Preisrunde mit unserem größten Kunden ruhig bleiben und nicht sofort nachgeben.",
            "Als Qualitätsmanagementbeauftragte verantworte ich die Lieferantenbewertung für drei Standorte.",
            "Unsere Rahmenvertragsverhandlungen mit der Donaudampfschifffahrtsgesellschaft ziehen sich seit Monaten.",
            "Die Unterlagen liegen unter https://intranet.example.com/vertrieb/jahresplanung-2027/preisverhandlungen bereit.",
            "Ziele: <Marge halten> & \"Rabatte begrenzen\" – ohne die Beziehung zu gefährden.",
            "Dazu will ich meine Argumente vorher sauber ordnen und eine klare Rückzugslinie festlegen.",
            "Ich wünsche mir Formulierungen für ein höfliches, aber bestimmtes Nein in schwierigen Gesprächssituationen.",
        ];
        var participants = Enumerable.Range(0, 60).Select(i =>
        {
            string Text(int offset, int count) =>
                string.Join(i % 3 == 0 ? "\n" : " ", Enumerable.Range(0, count).Select(k => sentences[(i + offset + k) % sentences.Length]));
            return new Participant(
                $"b-{i}",
                $"p-{i:D2}",
                $"u-{i}",
                $"{firstNames[i % firstNames.Length]} {lastNames[i % lastNames.Length]}",
                "CONFIRMED",
                Text(0, 3 + (i % 3)),
                Text(2, 2 + (i % 4)),
                Text(4, 2 + (i % 2)),
                i % 4 == 0 ? null : TestCourses.Now.AddDays(-i));
        }).ToArray();
        return new CourseDetail(
            "course-large",
            "Verhandlungsführung für Fortgeschrittene: Rahmenverträge, Preisgespräche und Konfliktsituationen souverän meistern",
            "verhandlungsfuehrung-fuer-fortgeschrittene-rahmenvertraege-preisgespraeche",
            CourseLevel.Advanced,
            TestCourses.Now.AddDays(7),
            TestCourses.Now.AddDays(9),
            participants);
    }
}
