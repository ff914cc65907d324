using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Adds up one counter of one gateway's <c>Gateway</c> meter, per value of one tag. Listens only to the meter that
/// gateway's own <see cref="IMeterFactory"/> created, so gateways running in parallel in this process do not mix in
/// (OpenTelemetry's /metrics would see every in-process gateway's meter of that name).
/// </summary>
public sealed class MetricCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byTag = new(StringComparer.Ordinal);
    private long _total;

    public MetricCounter(IMeterFactory scope, string instrumentName, string tagName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Interlocked.Add(ref _total, value);
            foreach (var tag in tags)
            {
                if (tag.Key == tagName)
                {
                    _byTag.AddOrUpdate(tag.Value?.ToString() ?? "", value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The sum over all tag values.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary><c>gateway.retries</c> of <paramref name="gateway"/>, by <c>track</c>.</summary>
    public static MetricCounter Retries(GatewayInstance gateway) => new(gateway.Service<IMeterFactory>(), "gateway.retries", "track");

    /// <summary>The sum for one tag value (0 if never recorded).</summary>
    public long For(string tagValue) => _byTag.GetValueOrDefault(tagValue);

    public void Dispose() => _listener.Dispose();
}
