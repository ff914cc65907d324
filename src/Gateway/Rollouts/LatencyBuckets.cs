namespace Gateway.Rollouts;

/// <summary>
/// The fixed latency bucket layout of rollout analysis: the same on every replica, so histograms from several
/// processes add up bucket by bucket. Upper bounds from 100 µs to 60 s, 2^(1/8) (≈ 9 %) apart, then one overflow bucket.
/// </summary>
internal static class LatencyBuckets
{
    /// <summary>Inclusive upper bounds in microseconds; bucket <c>Bounds.Length</c> holds everything slower.</summary>
    public static long[] BoundsMicros { get; } = CreateBounds();

    /// <summary>Number of buckets, the overflow bucket included.</summary>
    public static int Count { get; } = BoundsMicros.Length + 1;

    /// <summary>The bucket of a request that took <paramref name="elapsed"/>.</summary>
    public static int IndexOf(TimeSpan elapsed)
    {
        var micros = elapsed.Ticks / 10;
        var index = Array.BinarySearch(BoundsMicros, micros);
        return index < 0 ? ~index : index;
    }

    /// <summary>
    /// The <paramref name="quantile"/> of <paramref name="buckets"/> in milliseconds, as the upper bound of the bucket
    /// holding it (a conservative figure, at most 9 % high); null without requests, infinity in the overflow bucket.
    /// </summary>
    public static double? Quantile(ReadOnlySpan<long> buckets, double quantile)
    {
        long total = 0;
        foreach (var count in buckets)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return i < BoundsMicros.Length ? BoundsMicros[i] / 1000.0 : double.PositiveInfinity;
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>
    /// Requests in <paramref name="buckets"/> certainly slower than <paramref name="threshold"/>: those in buckets whose
    /// lower bound is at or above it (a bucket straddling the threshold is not counted, so the count never overstates).
    /// </summary>
    public static long CountAbove(ReadOnlySpan<long> buckets, TimeSpan threshold)
    {
        var micros = threshold.Ticks / 10;
        long count = 0;
        for (var i = 1; i < buckets.Length; i++)
        {
            if (BoundsMicros[i - 1] >= micros)
            {
                count += buckets[i];
            }
        }

        return count;
    }

    private static long[] CreateBounds()
    {
        var bounds = new List<long>();
        for (var i = 0; ; i++)
        {
            var bound = (long)Math.Round(100 * Math.Pow(2, i / 8.0));
            if (bound > 60_000_000)
            {
                break;
            }

            bounds.Add(bound);
        }

        return [.. bounds];
    }
}
