using System.Diagnostics;
using Aither.Benchmarks;
using BenchmarkDotNet.Running;

// "--once": one forced full sync over loopback HTTP in a fresh process, for wall time and peak working set
// (e.g. under /usr/bin/time -v). The peak includes the loopback server's copy of the JSON; a failed sync throws.
if (args is ["--once", ..])
{
    var course = SyncFixture.BigCourse();
    await using var hemera = await HemeraLoopback.StartAsync(course);
    await using var services = hemera.CreateCatalog(out var catalog);
    using var fixture = new SyncFixture(catalog);
    var stopwatch = Stopwatch.StartNew();
    var job = await fixture.RunAsync(force: true);
    stopwatch.Stop();
    var page = Directory.EnumerateFiles(Path.Combine(fixture.OutputPath, "courses")).Single();
    using var process = Process.GetCurrentProcess();
    Console.WriteLine(
        $"participants={job.ParticipantsFetched} filesGenerated={job.FilesGenerated} elapsedMs={stopwatch.ElapsedMilliseconds} " +
        $"detailJsonBytes={hemera.DetailJson.Length} pageBytes={new FileInfo(page).Length} " +
        $"peakWorkingSetMiB={process.PeakWorkingSet64 / (1024 * 1024)}");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(SyncBenchmarks).Assembly).Run(args);
return 0;
