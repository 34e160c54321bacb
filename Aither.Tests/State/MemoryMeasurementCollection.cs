namespace Aither.Tests.State;

/// <summary>
/// Tests that read process-wide memory figures (the GC's allocation count, SQLite's high-water mark) run alone, so no
/// other test's allocations are counted as theirs.
/// </summary>
[CollectionDefinition(nameof(MemoryMeasurementCollection), DisableParallelization = true)]
public sealed class MemoryMeasurementCollection;
