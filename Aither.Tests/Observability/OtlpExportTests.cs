using System.Diagnostics;
using System.Net;
using System.Text;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Aither.Tests.Observability;

/// <summary>OTLP export to a receiver stand-in on loopback: the sync's span and the Aither.Sync meter, no personal data.</summary>
public sealed class OtlpExportTests(ITestOutputHelper output)
{
    private const string ParticipantName = "Erika Mustermann-Vertraulich";
    private const string ParticipantIntent = "Vertrauliches Lernziel 4711";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _endedSyncSpans = new();
    private readonly SemaphoreSlim _spanEnded = new(0);

    [Fact]
    public async Task Sync_WithOtlpEndpoint_ExportsItsSpanAndMetricsWithoutPersonalData()
    {
        await using var receiver = await OtlpStandIn.StartAsync();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Aither.Sync",
            ActivityStopped = activity =>
            {
                // Other test classes sync at the same time; only this test's job counts.
                _endedSyncSpans[activity.GetTagItem("aither.sync.job_id") as string ?? ""] = true;
                _spanEnded.Release();
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var pages = new TempDirectory();
        var catalog = new TestHemeraCatalog();
        catalog.Courses.Add(TestCourses.Course(start: DateTimeOffset.UtcNow.AddDays(7),
            participants: [TestCourses.Participant(ParticipantName, intent: ParticipantIntent)]));
        var factory = new AitherFactory { UseControllablePipeline = false }.WithOutput(output);
        factory.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseAddress.ToString();
        factory.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        factory.Settings["HTML_OUTPUT_DIR"] = pages.Path;
        factory.ConfigureServices = services => services.ReplaceHemeraCatalog(catalog);

        string jobId;
        await using (factory)
        {
            using var client = factory.CreateAdminClient();
            using var started = await client.PostAsync("/api/sync", null);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            await factory.Coordinator.WhenIdleAsync().Guarded();
            jobId = factory.Coordinator.Latest!.JobId;
            Assert.Equal(1, factory.Coordinator.Latest.FilesGenerated);
            while (!_endedSyncSpans.ContainsKey(jobId))
            {
                await _spanEnded.WaitAsync().Guarded();
            }

            // A flush exports synchronously: when it returns true the receiver holds the bodies.
            Assert.True(factory.Services.GetRequiredService<TracerProvider>().ForceFlush(30_000), "traces were not flushed");
            Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(30_000), "metrics were not flushed");
        }

        var traces = receiver.Bodies("/v1/traces");
        var metrics = receiver.Bodies("/v1/metrics");
        Assert.Contains(traces, body => Has(body, "aither.sync.job_id") && Has(body, jobId) && Has(body, "aither.sync.outcome") && Has(body, "success"));
        Assert.Contains(traces, body => Has(body, "/api/sync")); // the ASP.NET Core span of the request
        Assert.Contains(metrics, body => Has(body, "Aither.Sync") && Has(body, "aither.sync.runs"));
        Assert.All(traces.Concat(metrics), body =>
        {
            Assert.False(Has(body, ParticipantName), "a participant name was exported");
            Assert.False(Has(body, ParticipantIntent), "a participant text was exported");
        });
    }

    [Fact]
    public async Task Host_WithoutOtlpEndpoint_RegistersNoTelemetry()
    {
        await using var factory = new AitherFactory().WithOutput(output);
        _ = factory.Server;

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    private static bool Has(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
