namespace Aither.Tests.Hostile;

/// <summary>
/// The crash test restarts a service process some twenty times and keeps both cores busy; run alone, it neither
/// slows the other process tests into their timeouts nor gets slowed by them.
/// </summary>
[CollectionDefinition(nameof(SyncCrashCollection), DisableParallelization = true)]
public sealed class SyncCrashCollection;
