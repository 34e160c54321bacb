using Aither.Service.Hemera;

namespace Aither.Service.Sync;

/// <summary>Picks the course the page is about.</summary>
public static class CourseSelector
{
    /// <summary>
    /// The course with the earliest start strictly after <paramref name="now"/> (compared as instants, whatever
    /// the offset), ties broken by id (ordinal); a course without a start date never qualifies. Null when none does.
    /// </summary>
    public static CourseSummary? SelectNext(IEnumerable<CourseSummary> courses, DateTimeOffset now) =>
        courses
            .Where(c => c.StartDate is { } start && start > now)
            .OrderBy(c => c.StartDate!.Value)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .FirstOrDefault();
}
