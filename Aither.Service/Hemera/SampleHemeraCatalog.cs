using Aither.Service.Sync;

namespace Aither.Service.Hemera;

/// <summary>
/// The built-in sample catalogue for Development without <c>HEMERA_API_BASE_URL</c>: three past courses and one
/// upcoming course (7 days ahead, 08:00 UTC) with four participants, one of them without preparation. Dates are
/// relative to <see cref="TimeProvider"/>, so there is always a next course. All names and texts are invented.
/// </summary>
public sealed partial class SampleHemeraCatalog(TimeProvider time, ILogger<SampleHemeraCatalog> logger) : IHemeraCatalog
{
    /// <summary>The id of the upcoming sample course.</summary>
    public const string UpcomingCourseId = "cjqwx4hh5344tfjgvq4k7bn7x";

    private static readonly SampleCourse[] Courses =
    [
        new("cujzde8gxd6ncf10epf91dhod", "Feedback geben, das ankommt", "feedback-geben", CourseLevel.Beginner, -84, 2),
        new("czdoc9is0j8ht9lgmxg9edn58", "Gehaltsgespräche souverän führen", "gehaltsgespraeche-souveraen-fuehren", CourseLevel.Intermediate, -42, 2),
        new("c1u33xtplpft75v2seh60kvj5", "Konfliktmoderation im Team", "konfliktmoderation-im-team", CourseLevel.Advanced, -14, 2),
        new(UpcomingCourseId, "Souverän verhandeln mit Einkauf und Vertrieb", "souveraen-verhandeln", CourseLevel.Intermediate, 7, 4),
    ];

    private static readonly SamplePerson[] People =
    [
        new("user_2sA7kLm3Qp9Rt4Vx", "Jana Beispiel", "PREPARATION",
            "Ich möchte in der nächsten Preisrunde mit unserem größten Kunden ruhig bleiben und nicht sofort nachgeben.\nDazu will ich meine Argumente vorher sauber ordnen.",
            "Eine klare Zielmarke, eine Rückzugslinie und zwei Zugeständnisse, die mich wenig kosten.",
            "Leitet den Vertrieb Süd, sehr zahlenorientiert, entscheidet schnell und erwartet kurze Vorlagen."),
        new("user_2tB8lMn4Rq0Su5Wy", "Mehmet Muster", "SUMMARY",
            "Ich verhandle seit einem halben Jahr Rahmenverträge und merke, dass ich zu früh über den Preis spreche.",
            "Besser zuhören, Interessen erfragen und erst danach ein Angebot machen.",
            "Bereichsleiterin Einkauf, legt Wert auf Fairness und gute Dokumentation, wenig Zeit für Abstimmungen."),
        new("user_2uC9mNo5Sr1Tv6Xz", "Sophie Probe", "PREPARATION",
            "Im Frühjahr stehen Jahresgespräche mit drei Lieferanten an. Ich will mich nicht mehr unter Druck setzen lassen.",
            "Eine Gesprächsstruktur, die ich in jedem Termin nutzen kann, und Formulierungen für ein höfliches Nein.",
            "Geschäftsführer eines mittelständischen Betriebs, pragmatisch, schätzt eigenständige Entscheidungen."),
        new("user_2vD0nOp6Ts2Uw7Ya", "Lukas Platzhalter", "NONE", null, null, null),
    ];

    /// <inheritdoc/>
    public Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Log.UsingSample(logger);
        var today = Today();
        IReadOnlyList<CourseSummary> courses = Courses
            .Select(c => new CourseSummary(c.Id, c.Title, c.Slug, c.Level, Start(today, c), End(today, c), c.ParticipantCount))
            .ToArray();
        return Task.FromResult(courses);
    }

    /// <inheritdoc/>
    public Task<CourseDetail> GetCourseDetailAsync(string courseId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var course = Courses.FirstOrDefault(c => c.Id == courseId)
            ?? throw new SyncFailedException(HemeraResponseParser.CourseDetailEntity, $"The sample catalogue has no course {courseId}.");
        var today = Today();
        var start = Start(today, course);
        var participants = People.Take(course.ParticipantCount).Select((p, i) => Participant(course, p, i, start)).ToArray();
        return Task.FromResult(new CourseDetail(course.Id, course.Title, course.Slug, course.Level, start, End(today, course), participants));
    }

    /// <inheritdoc/>
    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    internal static void ReportStartup(ILogger logger) => Log.UsingSampleAtStartup(logger);

    private DateTimeOffset Today() => new(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

    private static DateTimeOffset Start(DateTimeOffset today, SampleCourse course) => today.AddDays(course.DayOffset).AddHours(8);

    private static DateTimeOffset End(DateTimeOffset today, SampleCourse course) => today.AddDays(course.DayOffset + 1).AddHours(16);

    private static Participant Participant(SampleCourse course, SamplePerson person, int index, DateTimeOffset start)
    {
        var prepared = person.Intent is not null;
        return new Participant(
            BookingId: SampleId('b', index, course),
            ParticipationId: person.Status == "NONE" ? null : SampleId('p', index, course),
            UserId: person.UserId,
            Name: person.Name,
            Status: person.Status,
            PreparationIntent: person.Intent,
            DesiredResults: person.Results,
            LineManagerProfile: person.LineManager,
            PreparationCompletedAt: prepared ? start.AddDays(-10 - index).AddHours(10 + index) : null);
    }

    // Hemera's cuid shape: 'c' and 24 lowercase letters or digits, derived from the course id so it is stable.
    private static string SampleId(char kind, int index, SampleCourse course) =>
        string.Concat("c", kind.ToString(), index.ToString(System.Globalization.CultureInfo.InvariantCulture), course.Id.AsSpan(1, 22));

    private sealed record SampleCourse(string Id, string Title, string Slug, CourseLevel Level, int DayOffset, int ParticipantCount);

    private sealed record SamplePerson(string UserId, string Name, string Status, string? Intent, string? Results, string? LineManager);

    private static partial class Log
    {
        [LoggerMessage(EventId = 211, EventName = "SampleHemeraCatalog.UsingSample", Level = LogLevel.Information,
            Message = "Hemera: using the built-in sample catalogue (Development without HEMERA_API_BASE_URL); nothing is requested from Hemera")]
        public static partial void UsingSample(ILogger logger);

        [LoggerMessage(EventId = 212, EventName = "SampleHemeraCatalog.UsingSampleAtStartup", Level = LogLevel.Warning,
            Message = "Hemera: HEMERA_API_BASE_URL is not set, so syncs are using the built-in sample catalogue (Development only)")]
        public static partial void UsingSampleAtStartup(ILogger logger);
    }
}
