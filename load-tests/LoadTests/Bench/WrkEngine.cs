using System.Globalization;
using TestSupport;

namespace LoadTests.Bench;

/// <summary>
/// Drives targets with wrk (a C load generator: far less CPU per request than .NET, which matters when it shares 2
/// cores with the servers). A Lua script sets Host and, for returning users, cycles through the fixed bucket cookies;
/// its <c>done</c> hook prints the figures on one line.
/// </summary>
internal sealed class WrkEngine(string wrkPath, int connections, int threads, string workDirectory) : IBenchEngine
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
        """ + "\n" + WrkOutput.DoneHook;

    private readonly string _scriptPath = WriteScript(workDirectory);

    public string Description => $"wrk ({threads} threads, {connections} keep-alive connections, closed loop; Lua script for Host and cookies)";

    /// <summary>wrk on PATH, or null.</summary>
    public static string? Find() => FindOnPath("wrk");

    public Task<RoundResult> RunAsync(BenchTarget target, int round, TimeSpan duration, CancellationToken cancellationToken) =>
        RunScriptAsync(wrkPath, threads, connections, _scriptPath, target, round, duration, [target.Returning ? "returning" : "new", string.Join(',', BenchTarget.ReturningBuckets)], cancellationToken);

    /// <summary>
    /// One wrk run of <paramref name="duration"/> against <paramref name="target"/> with a Lua script whose <c>done</c>
    /// hook is <see cref="WrkOutput.DoneHook"/>; <paramref name="scriptArguments"/> follow <c>--</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">wrk failed or printed no result line.</exception>
    internal static async Task<RoundResult> RunScriptAsync(
        string wrkPath, int threads, int connections, string scriptPath, BenchTarget target, int round, TimeSpan duration, IEnumerable<string> scriptArguments, CancellationToken cancellationToken)
    {
        string[] args =
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s",
            "--timeout", "5s",
            "-s", scriptPath,
            target.Url.ToString(),
            "--",
            .. scriptArguments,
        ];
        await using var wrk = BenchProcess.Start("wrk", wrkPath, args);
        var exit = await wrk.WaitForExitAsync(duration + TimeSpan.FromSeconds(30), cancellationToken);
        var result = WrkOutput.Parse(target, round, wrk.Output);
        if (exit != 0 || result is null)
        {
            throw new InvalidOperationException($"wrk failed (exit {exit}) on {target.Name}:\n{wrk.Output}");
        }

        return result;
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
}
