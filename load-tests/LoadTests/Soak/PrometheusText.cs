using System.Globalization;

namespace LoadTests.Soak;

/// <summary>Reads one metric out of the Prometheus text format (the gateway's <c>/metrics</c>).</summary>
internal static class PrometheusText
{
    /// <summary>
    /// The sum of every series of <paramref name="metric"/> (e.g. <c>gateway_requests_total</c> over its track, reason
    /// and status-class labels); null when no series is there. Series of other metrics that merely start with the same
    /// name (<c>gateway_requests_total_created</c>) and comment lines are skipped; a timestamp after the value is allowed.
    /// </summary>
    public static double? Sum(string text, string metric)
    {
        double? sum = null;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#' || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[metric.Length..];
            if (rest.IsEmpty)
            {
                continue;
            }

            if (rest[0] == '{')
            {
                var close = rest.LastIndexOf('}');
                if (close < 0)
                {
                    continue;
                }

                rest = rest[(close + 1)..];
            }
            else if (rest[0] is not (' ' or '\t'))
            {
                continue; // Another metric whose name starts with this one.
            }

            rest = rest.TrimStart();
            var end = rest.IndexOfAny(' ', '\t');
            var value = end < 0 ? rest : rest[..end];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                sum = (sum ?? 0) + number;
            }
        }

        return sum;
    }
}
