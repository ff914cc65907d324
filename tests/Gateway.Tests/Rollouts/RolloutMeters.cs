using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gateway.Telemetry;

namespace Gateway.Tests.Rollouts;

/// <summary>
/// The <c>gateway.rollout.*</c> instruments of one gateway's <c>Gateway</c> meter: counters summed per full tag set,
/// gauges read on demand. Listens from before the gateway starts (its first transition happens while it starts), and
/// counts only measurements of the meter created by <see cref="Scope"/>, that gateway's <see cref="IMeterFactory"/>,
/// so gateways running in parallel in this process do not mix in.
/// </summary>
public sealed class RolloutMeters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(object? Scope, string Key), long> _counts = new();
    private readonly ConcurrentDictionary<(object? Scope, string Key), int> _observed = new();
    private readonly Lock _observeLock = new();

    public RolloutMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Name.StartsWith("gateway.rollout.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _counts.AddOrUpdate((instrument.Meter.Scope, Key(instrument.Name, tags)), value, (_, sum) => sum + value));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _observed[(instrument.Meter.Scope, Key(instrument.Name, tags))] = value);
        _listener.Start();
    }

    /// <summary>The gateway's <see cref="IMeterFactory"/>; set once it is built.</summary>
    public object? Scope { get; set; }

    /// <summary>The sum of counter <paramref name="instrument"/> for exactly these tags, e.g. <c>("verdict", "pass")</c>.</summary>
    public long Count(string instrument, params (string Key, string Value)[] tags) =>
        _counts.GetValueOrDefault((Scope, Key(instrument, tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)).ToArray())));

    /// <summary>The sum of counter <paramref name="instrument"/> over all tags.</summary>
    public long Total(string instrument) =>
        _counts.Where(c => ReferenceEquals(c.Key.Scope, Scope) && c.Key.Key.StartsWith(instrument + "{", StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>
    /// Observes the gauges now: their measurements keyed like <c>gateway.rollout.phase{phase=Idle}</c> and
    /// <c>gateway.rollout.step{}</c>; a gauge that reported nothing is absent.
    /// </summary>
    public IReadOnlyDictionary<string, int> ObserveGauges()
    {
        lock (_observeLock)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            return _observed.Where(o => ReferenceEquals(o.Key.Scope, Scope)).ToDictionary(o => o.Key.Key, o => o.Value, StringComparer.Ordinal);
        }
    }

    public void Dispose() => _listener.Dispose();

    private static string Key(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        parts.Sort(StringComparer.Ordinal);
        return $"{instrument}{{{string.Join(",", parts)}}}";
    }
}
