using Gateway.Tracks;

namespace Gateway.Telemetry;

/// <summary>
/// Requests, errors and latency per track over the last minute, for <c>/status</c> and the dashboard: 60 one-second
/// slots per track, written lock-free on the hot path (a few interlocked increments), summed on read.
/// </summary>
internal sealed class RequestStatistics(TimeProvider time)
{
    /// <summary>Length of the window reported by <see cref="Snapshot"/>.</summary>
    public const int WindowSeconds = 60;

    // Latency buckets: upper bounds in microseconds, roughly ×1.5 apart from 100 µs to 60 s.
    private static readonly long[] BoundsMicros = CreateBounds();

    private readonly Slot[][] _slots = [CreateSlots(), CreateSlots()];

    /// <summary>Records one finished request.</summary>
    public void Record(Track track, int statusCode, TimeSpan elapsed)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = _slots[(int)track][second % WindowSeconds];
        slot.Claim(second);
        Interlocked.Increment(ref slot.Requests);
        if (statusCode >= 500)
        {
            Interlocked.Increment(ref slot.Errors);
        }

        var micros = (long)(elapsed.Ticks / 10);
        var bucket = Array.BinarySearch(BoundsMicros, micros);
        Interlocked.Increment(ref slot.Latency[bucket < 0 ? ~bucket : bucket]);
    }

    /// <summary>The window's figures for <paramref name="track"/>.</summary>
    public TrackStatistics Snapshot(Track track)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        long requests = 0, errors = 0;
        var latency = new long[BoundsMicros.Length + 1];
        foreach (var slot in _slots[(int)track])
        {
            var second = Volatile.Read(ref slot.Second);
            if (second > now - WindowSeconds && second <= now)
            {
                requests += Volatile.Read(ref slot.Requests);
                errors += Volatile.Read(ref slot.Errors);
                for (var i = 0; i < latency.Length; i++)
                {
                    latency[i] += Volatile.Read(ref slot.Latency[i]);
                }
            }
        }

        return new TrackStatistics(requests, errors, Percentile(latency, 0.99));
    }

    private static double? Percentile(long[] latency, double quantile)
    {
        var total = latency.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < latency.Length; i++)
        {
            seen += latency[i];
            if (seen >= rank)
            {
                // Report the bucket's upper bound: a conservative p99.
                return i < BoundsMicros.Length ? BoundsMicros[i] / 1000.0 : double.PositiveInfinity;
            }
        }

        return null;
    }

    private static long[] CreateBounds()
    {
        var bounds = new List<long>();
        for (double b = 100; b <= 60_000_000; b *= 1.5)
        {
            bounds.Add((long)b);
        }

        return [.. bounds];
    }

    private static Slot[] CreateSlots()
    {
        var slots = new Slot[WindowSeconds];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new Slot();
        }

        return slots;
    }

    private sealed class Slot
    {
        public long Second = -1;
        public long Requests;
        public long Errors;
        public long[] Latency = new long[BoundsMicros.Length + 1];

        /// <summary>Resets a slot last used a minute (or more) ago; exactly one writer wins the reset.</summary>
        public void Claim(long second)
        {
            var current = Volatile.Read(ref Second);
            if (current != second && Interlocked.CompareExchange(ref Second, second, current) == current)
            {
                Interlocked.Exchange(ref Requests, 0);
                Interlocked.Exchange(ref Errors, 0);
                for (var i = 0; i < Latency.Length; i++)
                {
                    Interlocked.Exchange(ref Latency[i], 0);
                }
            }
        }
    }
}
