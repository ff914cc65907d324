using System.Globalization;
using LoadTests.Bench;

namespace LoadTests.Growth;

/// <summary>
/// wrk with a Lua script that gives every user one pre-built request carrying <see cref="UserSet.Cookie"/>; each wrk
/// thread sends its own share of the users in turn, starting where the caller says. Building the requests up front
/// keeps the load generator's cost per request the same for 100 and for 100,000 users.
/// </summary>
internal sealed class GrowthWrk(string wrkPath, int connections, int threads, string workDirectory)
{
    private const string Script = """
        -- canary-load growth: one pre-built request per user; thread t sends users t, t + threads, t + 2·threads, …
        -- Cookie: canary-bucket=<n mod 10000>; uid=<n, six digits> (LoadTests.Growth.UserSet.Cookie).
        local thread_count = 0
        function setup(thread)
          thread:set("thread_index", thread_count)
          thread_count = thread_count + 1
        end
        local requests = {}
        local counter = 0
        function init(args)
          local threads, mode = tonumber(args[1]), args[2]
          local users = {}
          if mode == "range" then
            for n = 0, tonumber(args[3]) - 1 do users[#users + 1] = n end
          else
            for n in string.gmatch(args[3], "%d+") do users[#users + 1] = tonumber(n) end
          end
          for i = 1, #users do
            if (i - 1) % threads == thread_index then
              local n = users[i]
              requests[#requests + 1] = wrk.format("GET", nil,
                { ["Host"] = "foo.bar", ["Cookie"] = string.format("canary-bucket=%d; uid=%06d", n % 10000, n) })
            end
          end
          counter = tonumber(args[4]) % #requests
        end
        function request()
          counter = counter + 1
          if counter > #requests then counter = 1 end
          return requests[counter]
        end
        """ + "\n" + WrkOutput.DoneHook;

    private readonly string _scriptPath = WriteScript(workDirectory);

    public string Description => $"wrk ({threads} threads, {connections} keep-alive connections, closed loop; one pre-built request per user)";

    /// <summary>One run of <paramref name="duration"/>; each thread begins at <paramref name="start"/> (modulo its share of the users).</summary>
    public Task<RoundResult> RunAsync(GrowthTarget target, int round, TimeSpan duration, int start, CancellationToken cancellationToken) =>
        WrkEngine.RunScriptAsync(wrkPath, threads, connections, _scriptPath, target.AsBenchTarget, round, duration, target.Users.WrkArguments(threads, start), cancellationToken);

    private static string WriteScript(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "canary-growth.lua");
        File.WriteAllText(path, Script);
        return path;
    }
}
