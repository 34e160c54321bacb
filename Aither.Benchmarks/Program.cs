using System.Diagnostics;
using Aither.Benchmarks;
using BenchmarkDotNet.Running;

// "--once": one forced full sync over loopback HTTP in a fresh process, for wall time and peak working set
// (e.g. under /usr/bin/time -v). The peak includes the stand-in's copy of the JSON; a failed sync throws.
if (args is ["--once", ..])
{
    var course = SyncFixture.BigCourse();
    var detailJson = BenchmarkHemera.DetailBody(course);
    await using var hemera = await BenchmarkHemera.StartAsync(course, detailJson);
    await using var services = BenchmarkHemera.CreateCatalog(hemera, out var catalog);
    using var fixture = new SyncFixture(catalog);
    var stopwatch = Stopwatch.StartNew();
    var job = await fixture.RunAsync(force: true);
    stopwatch.Stop();
    var page = Directory.EnumerateFiles(Path.Combine(fixture.OutputPath, "courses")).Single();
    using var process = Process.GetCurrentProcess();
    Console.WriteLine(
        $"participants={job.ParticipantsFetched} filesGenerated={job.FilesGenerated} elapsedMs={stopwatch.ElapsedMilliseconds} " +
        $"detailJsonBytes={detailJson.Length} pageBytes={new FileInfo(page).Length} " +
        $"peakWorkingSetMiB={process.PeakWorkingSet64 / (1024 * 1024)}");
    return 0;
}

// "--hemera-stand-in <participants> <text length>": the Hemera stand-in as a process for bench/ratios. Prints
// "url=<origin> apiKey=<key> courseId=<id> detailJsonBytes=<n>" once it listens, then serves until stdin closes
// or SIGTERM/SIGINT arrives.
if (args is ["--hemera-stand-in", var participantsArg, var textLengthArg])
{
    var course = SyncFixture.BigCourse(int.Parse(participantsArg, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(textLengthArg, System.Globalization.CultureInfo.InvariantCulture));
    var detailJson = BenchmarkHemera.DetailBody(course);
    await using var hemera = await BenchmarkHemera.StartAsync(course, detailJson);
    Console.WriteLine($"url={hemera.BaseUrl} apiKey={hemera.ApiKey} courseId={course.Id} detailJsonBytes={detailJson.Length}");
    var stop = new TaskCompletionSource();
    using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => stop.TrySetResult());
    using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, _ => stop.TrySetResult());
    // Console.In reads synchronously even through its async methods, hence Task.Run.
    await Task.WhenAny(Task.Run(Console.In.ReadToEnd), stop.Task);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(SyncBenchmarks).Assembly).Run(args);
return 0;
