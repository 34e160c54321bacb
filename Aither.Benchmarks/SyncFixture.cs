using Aither.Service.Hemera;
using Aither.Service.Output;
using Aither.Service.Rendering;
using Aither.Service.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aither.Benchmarks;

/// <summary>
/// One real <see cref="HemeraSyncPipeline"/> writing into a temp directory. The catalogue is a constructor argument,
/// so a benchmark that should include Hemera JSON parsing passes the real client (pointed at a loopback stub
/// serving <see cref="BigCourse"/> as JSON) instead of <see cref="BenchmarkCatalog"/>.
/// </summary>
public sealed class SyncFixture : IDisposable
{
    private readonly HemeraSyncPipeline _pipeline;
    private readonly ServiceProvider _services;
    private long _runs;

    public SyncFixture(IHemeraCatalog catalog)
    {
        OutputPath = Directory.CreateTempSubdirectory("aither-bench-").FullName;
        var output = new OutputDirectory(Options.Create(new OutputOptions { Directory = OutputPath }));
        var writer = new AtomicFileWriter();
        // The pipeline resolves its catalogue and renderer per run, as in the app.
        _services = new ServiceCollection()
            .AddSingleton(catalog)
            .AddSingleton(new CoursePageRenderer(Options.Create(new RenderingOptions())))
            .BuildServiceProvider();
        _pipeline = new HemeraSyncPipeline(
            _services.GetRequiredService<IServiceScopeFactory>(),
            output,
            new ManifestStore(output, writer),
            writer,
            new StaleTempFiles(output, NullLogger<StaleTempFiles>.Instance),
            new SyncEvents([], NullLogger<SyncEvents>.Instance),
            TimeProvider.System,
            NullLogger<HemeraSyncPipeline>.Instance);
    }

    public string OutputPath { get; }

    /// <summary>One sync job; forced, so it always renders and writes.</summary>
    public async Task<SyncJobSnapshot> RunAsync(bool force = true)
    {
        var job = new SyncJob($"sync-bench-{++_runs}", TimeProvider.System.GetUtcNow(), force);
        var run = new SyncRun(job);
        await _pipeline.RunAsync(run, CancellationToken.None);
        run.ReleasePage();
        return job.ToSnapshot();
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(OutputPath, recursive: true);
    }

    /// <summary>A course far in the future with <paramref name="participants"/> participants and long texts.</summary>
    public static CourseDetail BigCourse(int participants = 5_000, int textLength = 2_000)
    {
        var start = new DateTimeOffset(2099, 6, 1, 8, 0, 0, TimeSpan.Zero);
        return new CourseDetail(
            "course-bench",
            "Benchmark: Führung & Kommunikation",
            "benchmark-kurs",
            CourseLevel.Intermediate,
            start,
            start.AddDays(3),
            Enumerable.Range(0, participants)
                .Select(i => new Participant(
                    $"booking-{i}",
                    $"participation-{i}",
                    $"user-{i}",
                    $"Teilnehmer {i:D5} Müller",
                    "CONFIRMED",
                    Text('A', i, textLength),
                    Text('B', i, textLength),
                    Text('C', i, textLength),
                    i % 2 == 0 ? start.AddDays(-10) : null))
                .ToArray());
    }

    private static string Text(char field, int seed, int length)
    {
        // Words, umlauts, markup and line breaks, so escaping and wrapping do real work.
        const string Words = "Vorbereitung <Ziel> & Ergebnis \"Übung\" größer\nteamfähig ";
        return string.Create(length, (field, seed), static (span, state) =>
        {
            span[0] = state.field;
            for (var i = 1; i < span.Length; i++)
            {
                span[i] = Words[(i + state.seed) % Words.Length];
            }
        });
    }
}
