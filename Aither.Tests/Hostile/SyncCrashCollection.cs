using Aither.Tests.Infrastructure;

namespace Aither.Tests.Hostile;

/// <summary>
/// The crash test restarts a service process some twenty times, one process at a time (about one core). It is the
/// longest collection, so it starts first and runs beside the others instead of alone after them. Its waits are for
/// conditions (a file appears, the job ends) under the 30 s guard, and the other process tests wait under guards of
/// 30 s and more, so sharing the cores slows them without failing them.
/// </summary>
[CollectionDefinition(nameof(SyncCrashCollection))]
[LongRunning(30)]
public sealed class SyncCrashCollection;
