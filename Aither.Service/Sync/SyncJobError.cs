namespace Aither.Service.Sync;

/// <summary>One error of a sync. The message is meant for operators: no secrets, no participant texts.</summary>
public sealed record SyncJobError(string Entity, string Message, DateTimeOffset Timestamp);
