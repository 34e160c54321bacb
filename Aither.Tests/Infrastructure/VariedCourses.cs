using System.Text;
using Aither.Service.Hemera;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// Deterministic courses that exercise what ordering, hashing and rendering must get exactly right: names that
/// German collation orders differently from ordinal (umlauts, ß, case, accents, hyphens, spaces, names equal under
/// the culture), markup-dense and multi-byte texts (also lone surrogates), missing values and one text longer than
/// any buffer on the way.
/// </summary>
public static class VariedCourses
{
    /// <summary>Names whose German order is easy to get wrong.</summary>
    public static readonly string[] TrickyNames =
    [
        "Ärzte Team", "Arzte Team", "Aerzte Team", "ärzte team", "ÄRZTE TEAM", "Zoë Müller", "Zoe Müller", "zoe müller",
        "Straße", "Strasse", "STRASSE", "ß", "ss", "SS", "ẞ", "Éva Nagy", "Eva Nagy", "eva nagy", "Èva Nagy",
        "van der Berg", "Van-der-Berg", "Vanderberg", "van der  Berg", "van-der-berg", "O'Neil", "Oneil", "O’Neil",
        "Øster", "Oster", "Ångström", "Angstrom", "Łukasz", "Lukasz", "Œuvre", "Oeuvre", "Ä", "A\u0308", "a\u00ADb", "ab",
        "co-op", "coop", "co op", "Müller", "Mueller", "Muller", "MÜLLER", "Müller ", " Müller", "", "   ", "1 Müller",
        "10 Müller", "2 Müller", "Ωmega", "日本", "zzz", "Zzz", "Ž", "Z", "Þór", "Dž", "ǅ", "Ĳssel", "IJssel", "x\uD800", "x",
    ];

    private static readonly string[] Fragments =
        ["Vorbereitung ", "<Ziel>", " & ", "\"Übung\"", "it's", "`x`", "a=b", "größer", "\n", "€", "😀", "–", "   ", "Straße", "\uD83D", "\uDE00"];

    private static readonly string LongText = string.Concat(Enumerable.Repeat("Ä<&x\"😀", 12_000));

    /// <summary>A course with <paramref name="participants"/> participants, always the same for the same count.</summary>
    public static CourseDetail Course(int participants)
    {
        var start = new DateTimeOffset(2026, 12, 7, 23, 30, 0, TimeSpan.FromHours(1));
        return new CourseDetail(
            "course-varied",
            "Führung & <Kommunikation> \"Intensiv\" – 😀",
            "fuehrung-kommunikation",
            CourseLevel.Beginner,
            start,
            null,
            Enumerable.Range(0, participants).Select(Participant).ToArray());
    }

    private static Participant Participant(int i) => new(
        i % 11 == 0 ? null : $"booking-{i % 7}",
        i % 13 == 0 ? null : $"p-{i % 50}",
        $"u-{i % 97}",
        i % 17 == 16 ? null : TrickyNames[i % TrickyNames.Length],
        i % 5 == 0 ? "PENDING" : "CONFIRMED",
        Text(i, 0),
        i % 9 == 0 ? null : Text(i, 1),
        i == 3 ? LongText : Text(i, 2),
        i % 3 == 0 ? null : new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddTicks(i * 1_234_567_891L));

    private static string Text(int i, int field)
    {
        var fragments = ((i * 7) + (field * 13)) % 40;
        if (fragments == 0)
        {
            return field == 0 ? "" : "  ";
        }

        var text = new StringBuilder();
        for (var k = 0; k < fragments; k++)
        {
            text.Append(Fragments[((i * 31) + (field * 17) + (k * 7)) % Fragments.Length]);
        }

        return text.ToString();
    }
}
