using System.Globalization;
using System.Text.RegularExpressions;
using TestSupport;

namespace LoadTests.Bench;

/// <summary>
/// Drives targets with wrk (a C load generator: far less CPU per request than .NET, which matters when it shares 2
/// cores with the servers). A Lua script sets Host and, for returning users, cycles through the fixed bucket cookies;
/// its <c>done</c> hook prints the figures on one line.
/// </summary>
internal sealed partial class WrkEngine(string wrkPath, int connections, int threads, string workDirectory) : IBenchEngine
{
    private const string Script = """
        -- canary-load bench: Host foo.bar; "returning" cycles through fixed canary-bucket cookies, "new" sends none.
        local requests = {}
        local counter = 0
        function init(args)
          local mode = args[1] or "new"
          if mode == "returning" then
            for bucket in string.gmatch(args[2], "%d+") do
              requests[#requests + 1] = wrk.format("GET", nil, { ["Host"] = "foo.bar", ["Cookie"] = "canary-bucket=" .. bucket })
            end
          else
            requests[1] = wrk.format("GET", nil, { ["Host"] = "foo.bar" })
          end
        end
        function request()
          counter = counter + 1
          return requests[(counter % #requests) + 1]
        end
        function done(summary, latency, requests)
          io.write(string.format("WRK_RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d p50=%d p90=%d p99=%d max=%d\n",
            summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
            summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
        end
        """;

    private readonly string _scriptPath = WriteScript(workDirectory);

    public string Description => $"wrk ({threads} threads, {connections} keep-alive connections, closed loop; Lua script for Host and cookies)";

    /// <summary>wrk on PATH, or null.</summary>
    public static string? Find() => FindOnPath("wrk");

    public async Task<RoundResult> RunAsync(BenchTarget target, int round, TimeSpan duration, CancellationToken cancellationToken)
    {
        string[] args =
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s",
            "--timeout", "5s",
            "-s", _scriptPath,
            target.Url.ToString(),
            "--",
            target.Returning ? "returning" : "new",
            string.Join(',', BenchTarget.ReturningBuckets),
        ];
        await using var wrk = BenchProcess.Start("wrk", wrkPath, args);
        var exit = await wrk.WaitForExitAsync(duration + TimeSpan.FromSeconds(30), cancellationToken);
        var match = ResultLine().Match(wrk.Output);
        if (exit != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk failed (exit {exit}) on {target.Name}:\n{wrk.Output}");
        }

        long Field(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var seconds = Field("duration") / 1e6;
        var requests = Field("requests");
        var (connect, read, write, status, timeout) = (Field("connect"), Field("read"), Field("write"), Field("status"), Field("timeout"));
        var errors = connect + read + write + status + timeout;
        return RoundResult.Measured(
            target,
            round,
            requests,
            seconds,
            (Field("p50"), Field("p90"), Field("p99"), Field("max")),
            errors,
            $"connect {connect}, read {read}, write {write}, non-2xx {status}, timeout {timeout}");
    }

    internal static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/usr/local/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string WriteScript(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "canary-bench.lua");
        File.WriteAllText(path, Script);
        return path;
    }

    [GeneratedRegex(@"WRK_RESULT requests=(?<requests>\d+) duration_us=(?<duration>\d+) connect=(?<connect>\d+) read=(?<read>\d+) write=(?<write>\d+) status=(?<status>\d+) timeout=(?<timeout>\d+) p50=(?<p50>\d+) p90=(?<p90>\d+) p99=(?<p99>\d+) max=(?<max>\d+)")]
    private static partial Regex ResultLine();
}
