namespace Aither.Service.Hemera;

/// <summary>One entry of Hemera's course list, validated.</summary>
public sealed record CourseSummary(
    string Id,
    string Title,
    string Slug,
    CourseLevel Level,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    int ParticipantCount);
