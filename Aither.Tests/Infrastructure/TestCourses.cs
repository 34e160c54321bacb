using Aither.Service.Hemera;

namespace Aither.Tests.Infrastructure;

/// <summary>Builders for Hemera records with harmless defaults.</summary>
public static class TestCourses
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 15, 0, TimeSpan.Zero);

    public static CourseDetail Course(
        string id = "course-1",
        string slug = "kommunikation-im-team",
        string title = "Kommunikation im Team",
        DateTimeOffset? start = null,
        DateTimeOffset? end = null,
        CourseLevel level = CourseLevel.Intermediate,
        params Participant[] participants) =>
        new(id, title, slug, level, start ?? Now.AddDays(7), end ?? (start ?? Now.AddDays(7)).AddDays(2), participants);

    public static Participant Participant(
        string? name,
        string? participationId = null,
        string userId = "user-1",
        string status = "CONFIRMED",
        string? intent = "Besser zuhören",
        string? results = "Klarere Meetings",
        string? lineManager = "Leitet das Team seit 2020",
        DateTimeOffset? completedAt = null) =>
        new($"booking-{userId}", participationId ?? $"part-{userId}", userId, name, status, intent, results, lineManager, completedAt);

    public static Participant[] Participants(int count) =>
        Enumerable.Range(1, count).Select(i => Participant($"Teilnehmer {i:D3}", userId: $"user-{i}")).ToArray();
}
