using Aither.Service.Hemera;
using Aither.Service.Output;
using Aither.Service.Rendering;
using Aither.Service.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// A real <see cref="HemeraSyncPipeline"/> over an in-memory catalogue, a temp output directory, a fake clock and a
/// real <see cref="SyncEvents"/> with a recording observer. Each <see cref="RunAsync"/> is one job.
/// </summary>
public sealed class PipelineHarness : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ServiceProvider _services;
    private long _jobs;

    public PipelineHarness(string displayTimeZone = "Europe/Berlin")
    {
        OutputPath = _temp.Combine("output");
        var outputOptions = Options.Create(new OutputOptions { Directory = OutputPath });
        Output = new OutputDirectory(outputOptions);
        Renderer = new CoursePageRenderer(Options.Create(new RenderingOptions { DisplayTimeZone = displayTimeZone }));
        var writer = new AtomicFileWriter();
        Manifests = new ManifestStore(Output, writer);
        Logs = new TestLoggerProvider();
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Events = new SyncEvents([Observer], loggerFactory.CreateLogger<SyncEvents>());
        // The pipeline resolves its catalogue and renderer per run, as in the app.
        _services = new ServiceCollection()
            .AddSingleton<IHemeraCatalog>(Catalog)
            .AddSingleton(Renderer)
            .BuildServiceProvider();
        Pipeline = new HemeraSyncPipeline(
            _services.GetRequiredService<IServiceScopeFactory>(),
            Output,
            Manifests,
            writer,
            new StaleTempFiles(Output, loggerFactory.CreateLogger<StaleTempFiles>()),
            Events,
            Time,
            loggerFactory.CreateLogger<HemeraSyncPipeline>());
    }

    public FakeTimeProvider Time { get; } = new(TestCourses.Now);

    public InMemoryHemeraCatalog Catalog { get; } = new();

    public RecordingSyncObserver Observer { get; } = new();

    public TestLoggerProvider Logs { get; }

    public SyncEvents Events { get; }

    public CoursePageRenderer Renderer { get; }

    public OutputDirectory Output { get; }

    public ManifestStore Manifests { get; }

    public HemeraSyncPipeline Pipeline { get; }

    /// <summary>The temp folder that contains <see cref="OutputPath"/>; for planting things outside the output.</summary>
    public TempDirectory Sandbox => _temp;

    public string OutputPath { get; }

    public string PagePath(string slug) => Path.Combine(OutputPath, "courses", slug + ".html");

    public string ManifestPath => Path.Combine(OutputPath, OutputDirectory.ManifestFileName);

    /// <summary>
    /// Runs one job; a thrown exception is returned, not rethrown, together with the job's counters. <paramref name="afterRun"/>
    /// sees the run before its page is released, as the coordinator's recording of the end does.
    /// </summary>
    public async Task<PipelineResult> RunAsync(bool force = false, Action<SyncRun>? beforeRun = null, Func<SyncRun, Task>? afterRun = null)
    {
        var job = new SyncJob($"sync-test-{Interlocked.Increment(ref _jobs)}", Time.GetUtcNow(), force);
        var run = new SyncRun(job);
        beforeRun?.Invoke(run);
        Exception? failure = null;
        try
        {
            await Pipeline.RunAsync(run, CancellationToken.None).Guarded();
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        try
        {
            if (afterRun is not null)
            {
                await afterRun(run);
            }
        }
        finally
        {
            run.ReleasePage();
        }

        return new PipelineResult(job.ToSnapshot(), failure);
    }

    /// <summary>Every file below the output directory, relative with '/', temp files included.</summary>
    public string[] OutputFiles() =>
        Directory.Exists(OutputPath)
            ? Directory.EnumerateFiles(OutputPath, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
                .Select(f => Path.GetRelativePath(OutputPath, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    public void Dispose()
    {
        _services.Dispose();
        _temp.Dispose();
    }
}
