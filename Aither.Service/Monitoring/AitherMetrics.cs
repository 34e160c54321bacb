using System.Diagnostics.Metrics;
using Aither.Service.Sync;

namespace Aither.Service.Monitoring;

/// <summary>
/// The <c>Aither.Sync</c> meter: syncs by status, their duration, files generated and skipped, and dropped Rollbar
/// items. Sync figures are recorded from the sync events. Hemera requests are measured by the platform, not here:
/// .NET's <c>http.client.request.duration</c> times every attempt and the resilience pipeline's
/// <c>resilience.polly.strategy.events</c> counts the retries.
/// </summary>
public sealed class AitherMetrics : ISyncObserver
{
    public const string MeterName = "Aither.Sync";

    private readonly Counter<long> _syncs;
    private readonly Histogram<double> _syncDuration;
    private readonly Counter<long> _filesGenerated;
    private readonly Counter<long> _filesSkipped;
    private readonly Counter<long> _rollbarDropped;

    public AitherMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _syncs = meter.CreateCounter<long>("aither.sync.runs", "{sync}", "Finished syncs, by status");
        _syncDuration = meter.CreateHistogram<double>("aither.sync.duration", "s", "Duration of finished syncs");
        _filesGenerated = meter.CreateCounter<long>("aither.sync.files.generated", "{file}", "Pages written");
        _filesSkipped = meter.CreateCounter<long>("aither.sync.files.skipped", "{file}", "Pages left unchanged");
        _rollbarDropped = meter.CreateCounter<long>("aither.rollbar.items.dropped", "{item}", "Rollbar items dropped because the queue was full");
    }

    public void SyncCompleted(SyncJobSnapshot job)
    {
        var status = new KeyValuePair<string, object?>("status", job.Status.ToText());
        _syncs.Add(1, status);
        if (job.DurationMs is { } ms)
        {
            _syncDuration.Record(ms / 1000.0, status);
        }

        _filesGenerated.Add(job.FilesGenerated);
        _filesSkipped.Add(job.FilesSkipped);
    }

    internal void RollbarItemDropped() => _rollbarDropped.Add(1);
}
