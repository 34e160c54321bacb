namespace Aither.Service.State;

/// <summary>One error as the <c>errors</c> column keeps it.</summary>
internal sealed record StoredError(string Entity, string Message, long TimestampMs);
