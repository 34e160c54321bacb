namespace Aither.Service.Sync;

/// <summary>The answer to a trigger: either this call started <see cref="Job"/>, or <see cref="Job"/> was already running.</summary>
public sealed record SyncStartResult(bool Started, SyncJobSnapshot Job);
