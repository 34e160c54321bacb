using Aither.Service.Sync;
using BenchmarkDotNet.Attributes;

namespace Aither.Benchmarks;

/// <summary>One full forced sync of a course with 5,000 participants and three 2,000-character texts each.</summary>
[MemoryDiagnoser]
public class SyncBenchmarks
{
    private SyncFixture? _fixture;

    [Params(5_000)]
    public int Participants { get; set; }

    [GlobalSetup]
    public void Setup() => _fixture = new SyncFixture(new BenchmarkCatalog(SyncFixture.BigCourse(Participants)));

    [GlobalCleanup]
    public void Cleanup() => _fixture?.Dispose();

    [Benchmark]
    public Task<SyncJobSnapshot> ForcedSync() => _fixture!.RunAsync(force: true);
}
