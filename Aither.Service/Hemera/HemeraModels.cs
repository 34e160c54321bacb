namespace Aither.Service.Hemera;

/// <summary>A course's level as Hemera names it.</summary>
public enum CourseLevel
{
    Beginner,
    Intermediate,
    Advanced,
}

/// <summary>One entry of Hemera's course list, validated.</summary>
public sealed record CourseSummary(
    string Id,
    string Title,
    string Slug,
    CourseLevel Level,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    int ParticipantCount);

/// <summary>A course with its participants, validated.</summary>
public sealed record CourseDetail(
    string Id,
    string Title,
    string Slug,
    CourseLevel Level,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    IReadOnlyList<Participant> Participants);

/// <summary>A participant and their preparation. Names and texts are personal data: never log them.</summary>
public sealed record Participant(
    string? BookingId,
    string? ParticipationId,
    string UserId,
    string? Name,
    string Status,
    string? PreparationIntent,
    string? DesiredResults,
    string? LineManagerProfile,
    DateTimeOffset? PreparationCompletedAt);
