namespace Aither.Service.Hemera;

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
