using Aither.Service.Sync;
using Aither.Testing;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Aither.Benchmarks;

/// <summary>
/// One full forced sync of a course with 5,000 participants and three 2,000-character texts each: as production
/// runs it (Hemera over loopback HTTP through the real client, parsing and validation, then selection, hashing,
/// rendering and the atomic write), and from an in-memory catalogue, so the cost of HTTP and parsing shows.
/// </summary>
[MemoryDiagnoser]
public class SyncBenchmarks
{
    private HemeraStandIn? _hemera;
    private ServiceProvider? _services;
    private SyncFixture? _overHttp;
    private SyncFixture? _inMemory;

    [Params(5_000)]
    public int Participants { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var course = SyncFixture.BigCourse(Participants);
        _hemera = await BenchmarkHemera.StartAsync(course, BenchmarkHemera.DetailBody(course));
        _services = BenchmarkHemera.CreateCatalog(_hemera, out var catalog);
        _overHttp = new SyncFixture(catalog);
        _inMemory = new SyncFixture(new BenchmarkCatalog(course));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _overHttp?.Dispose();
        _inMemory?.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_hemera is not null)
        {
            await _hemera.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "Full sync: Hemera over HTTP + parse + render + write")]
    public Task<SyncJobSnapshot> FullSyncOverHttp() => _overHttp!.RunAsync(force: true);

    [Benchmark(Description = "In-memory catalogue: render + write")]
    public Task<SyncJobSnapshot> InMemorySync() => _inMemory!.RunAsync(force: true);
}
