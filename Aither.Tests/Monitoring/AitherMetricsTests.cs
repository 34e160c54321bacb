using System.Diagnostics.Metrics;
using System.Net;
using Aither.Service.Monitoring;
using Aither.Service.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Monitoring;

public sealed class AitherMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly AitherMetrics _metrics;

    public AitherMetricsTests()
    {
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        _metrics = new AitherMetrics(meterFactory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AitherMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void SyncCompleted_FinishedJob_RecordsStatusDurationAndFiles()
    {
        var now = DateTimeOffset.UnixEpoch;
        _metrics.SyncCompleted(new SyncJobSnapshot("sync-1", SyncJobStatus.Failed, false, now, now.AddSeconds(2), 2_000, "c1", false, 3, 2, 1, []));

        Assert.Contains(_measurements, m => m.Instrument == "aither.sync.runs" && m.Value == 1 && (string?)m.Tags["status"] == "failed");
        Assert.Contains(_measurements, m => m.Instrument == "aither.sync.duration" && m.Value == 2.0);
        Assert.Contains(_measurements, m => m.Instrument == "aither.sync.files.generated" && m.Value == 2);
        Assert.Contains(_measurements, m => m.Instrument == "aither.sync.files.skipped" && m.Value == 1);
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
        }
    }
}
