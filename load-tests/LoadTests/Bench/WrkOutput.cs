using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadTests.Bench;

/// <summary>
/// Reads the line the bench scripts' <c>done</c> hook prints (<c>WRK_RESULT requests=… p99=… max=…</c>, latencies in
/// microseconds) into a <see cref="RoundResult"/>.
/// </summary>
internal static partial class WrkOutput
{
    /// <summary>The Lua <c>done</c> hook that prints the line; every bench script ends with it.</summary>
    public const string DoneHook = """
        function done(summary, latency, requests)
          io.write(string.format("WRK_RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50=%d p90=%d p99=%d max=%d\n",
            summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
            summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
        end
        """;

    /// <summary>The figures of <paramref name="output"/>, or null when it holds no result line.</summary>
    public static RoundResult? Parse(BenchTarget target, int round, string output)
    {
        var match = ResultLine().Match(output);
        if (!match.Success)
        {
            return null;
        }

        long Field(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var (connect, read, write, status, timeout) = (Field("connect"), Field("read"), Field("write"), Field("status"), Field("timeout"));
        return RoundResult.Measured(
            target,
            round,
            Field("requests"),
            Field("duration") / 1e6,
            (Field("p50"), Field("p90"), Field("p99"), Field("max")),
            connect + read + write + status + timeout,
            $"connect {connect}, read {read}, write {write}, non-2xx {status}, timeout {timeout}");
    }

    [GeneratedRegex(@"WRK_RESULT requests=(?<requests>\d+) duration_us=(?<duration>\d+) connect=(?<connect>\d+) read=(?<read>\d+) write=(?<write>\d+) status=(?<status>\d+) timeout=(?<timeout>\d+) p50=(?<p50>\d+) p90=(?<p90>\d+) p99=(?<p99>\d+) max=(?<max>\d+)")]
    private static partial Regex ResultLine();
}
