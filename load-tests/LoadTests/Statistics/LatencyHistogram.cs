using HdrHistogram;

namespace LoadTests.Statistics;

/// <summary>
/// An HdrHistogram of request latencies in microseconds (1 µs to 5 minutes, 3 significant digits). Not thread-safe:
/// <see cref="RunStatistics"/> serialises access.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>Highest recordable latency; longer ones are recorded as this value rather than lost.</summary>
    public const long HighestMicros = 300_000_000;

    private readonly LongHistogram _histogram = new(1, HighestMicros, 3);

    public long Count => _histogram.TotalCount;

    public HistogramBase Histogram => _histogram;

    public void Record(long micros) => _histogram.RecordValue(Math.Clamp(micros, 1, HighestMicros));

    public void Add(LatencyHistogram other) => _histogram.Add(other._histogram);

    public LatencySummary Summary() => LatencySummary.From(_histogram);

    /// <summary>The percentile curve (percentile, milliseconds), for the latency chart.</summary>
    public IReadOnlyList<PercentilePoint> Curve()
    {
        var points = new List<PercentilePoint>();
        if (_histogram.TotalCount == 0)
        {
            return points;
        }

        foreach (var value in _histogram.Percentiles(5))
        {
            points.Add(new PercentilePoint(value.PercentileLevelIteratedTo, value.ValueIteratedTo / 1000.0));
        }

        return points;
    }
}
