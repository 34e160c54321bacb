namespace Aither.Service.Hemera;

/// <summary>A course with its participants, validated.</summary>
public sealed record CourseDetail(
    string Id,
    string Title,
    string Slug,
    CourseLevel Level,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    IReadOnlyList<Participant> Participants);
