using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadTests.Bench;
using Spectre.Console;
using TestSupport;

namespace LoadTests.Growth;

/// <summary>
/// The growth bench's processes, from Release builds and without the app host: the four KubeApps of the
/// <see cref="PodLayout"/>, and three gateways side by side over them (static destinations from a JSON settings file,
/// weight 25): 4 endpoints, <see cref="GrowthSettings.Endpoints"/> endpoints, and 4 endpoints again for the
/// many-users target, so each target's memory is its own. Disposing stops every one of them.
/// </summary>
internal sealed class GrowthTopology : IAsyncDisposable
{
    private readonly List<ChildProcess> _processes = [];
    private readonly List<(ChildProcess Gateway, long IdleRssKiB)> _gateways = [];

    private GrowthTopology(PodLayout layout)
    {
        Layout = layout;
    }

    public PodLayout Layout { get; }

    /// <summary>Small gateway with the returning users (variants A and C), large gateway (B), small gateway with many users (D).</summary>
    public IReadOnlyList<GrowthTarget> Targets { get; private set; } = [];

    /// <summary>A gateway's resident set right after it became ready, in KiB.</summary>
    public long IdleRssKiB(GrowthTarget target) => _gateways.First(g => g.Gateway == target.Gateway).IdleRssKiB;

    /// <exception cref="InvalidOperationException">A port or address is taken, a build failed, or a process did not start.</exception>
    public static async Task<GrowthTopology> StartAsync(GrowthSettings settings, string workDirectory, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var layout = PodLayout.For(settings.Endpoints);
        EnsureFree(layout, settings.BasePort);
        var dotnet = BenchTopology.DotNetHost();
        if (settings.Build)
        {
            foreach (var project in new[] { "src/KubeApp/KubeApp.csproj", "src/Gateway/Gateway.csproj" })
            {
                console.WriteLine($"growth: dotnet build -c Release {project}");
                await using var build = BenchProcess.Start("dotnet build", dotnet, ["build", Path.Combine(settings.RepoRoot, project), "-c", "Release", "-nologo", "-v", "q"], settings.RepoRoot);
                if (await build.WaitForExitAsync(TimeSpan.FromMinutes(5), cancellationToken) != 0)
                {
                    throw new InvalidOperationException($"dotnet build {project} failed:\n{build.Output}");
                }
            }
        }

        var kubeApp = BenchTopology.Dll(settings.RepoRoot, "KubeApp");
        var gatewayDll = BenchTopology.Dll(settings.RepoRoot, "Gateway");
        Directory.CreateDirectory(workDirectory);
        var small = GatewayConfigFile.Write(Path.Combine(workDirectory, "gateway-small.json"), layout, all: false);
        var large = GatewayConfigFile.Write(Path.Combine(workDirectory, "gateway-large.json"), layout, all: true);
        var topology = new GrowthTopology(layout);
        try
        {
            var quiet = new Dictionary<string, string?> { ["Logging__LogLevel__Default"] = "Warning", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
            var pods = new List<ChildProcess>();
            foreach (var pod in layout.Processes)
            {
                var env = new Dictionary<string, string?>(quiet) { ["KUBEAPP_VERSION"] = pod.Canary ? "2.0" : "1.0" };
                pods.Add(topology.Add(BenchProcess.Start($"kubeapp {pod.Name}", dotnet, [kubeApp, "--urls", pod.Urls], Path.GetDirectoryName(kubeApp), env)));
            }

            var gateways = new (string Config, int Endpoints, UserSet Users)[]
            {
                (small, GrowthSettings.SmallEndpoints, UserSet.Returning),
                (large, layout.Count, UserSet.Returning),
                (small, GrowthSettings.SmallEndpoints, UserSet.Distinct(settings.Users)),
            };
            var targets = new List<GrowthTarget>();
            for (var i = 0; i < gateways.Length; i++)
            {
                var (config, endpoints, users) = gateways[i];
                var port = settings.BasePort + (2 * i);
                string[] args =
                [
                    gatewayDll,
                    $"--Gateway:Listen:Http=http://127.0.0.1:{port}",
                    $"--Gateway:Listen:Management=http://127.0.0.1:{port + 1}",
                    "--Gateway:Shutdown:DrainPeriod=00:00:00",
                    "--Gateway:Listen:Https=",
                    "--Gateway:Discovery=Static",
                    string.Create(CultureInfo.InvariantCulture, $"--Gateway:Canary:Weight={settings.Weight}"),
                ];
                var env = new Dictionary<string, string?>(quiet) { ["GATEWAY_CONFIG_FILE"] = config };
                var name = GrowthTarget.NameOf(endpoints, users);
                var gateway = topology.Add(BenchProcess.Start($"gateway {name}", dotnet, args, Path.GetDirectoryName(gatewayDll), env));
                targets.Add(new GrowthTarget(name, endpoints, users, new Uri($"http://127.0.0.1:{port}/"), gateway));
            }

            for (var i = 0; i < pods.Count; i++)
            {
                await BenchReadiness.WaitForOkAsync(pods[i], new Uri($"{PodLayout.Url(layout.Processes[i].Addresses[0])}/health"), cancellationToken);
            }

            await EveryAddressAnswersAsync(layout, cancellationToken);
            for (var i = 0; i < targets.Count; i++)
            {
                var port = settings.BasePort + (2 * i) + 1;
                await BenchReadiness.WaitForOkAsync(targets[i].Gateway, new Uri($"http://127.0.0.1:{port}/readyz"), cancellationToken);
                topology._gateways.Add((targets[i].Gateway, ProcStats.Memory(targets[i].Gateway.Id).RssKiB));
            }

            topology.Targets = targets;
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stop in parallel: each gets SIGTERM, then SIGKILL after the grace period.
        await Task.WhenAll(_processes.Select(BenchProcess.StopAsync));
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _processes.Clear();
    }

    /// <summary>Every "pod IP" answers 200 on /health: the large gateway will not meet a closed port.</summary>
    private static async Task EveryAddressAnswersAsync(PodLayout layout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
        var failures = new List<string>();
        await Parallel.ForEachAsync(
            layout.Processes.SelectMany(p => p.Addresses),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (address, token) =>
            {
                var url = $"{PodLayout.Url(address)}/health";
                try
                {
                    using var response = await client.GetAsync(url, token);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        lock (failures)
                        {
                            failures.Add($"{url}: {(int)response.StatusCode}");
                        }
                    }
                }
                catch (HttpRequestException ex)
                {
                    lock (failures)
                    {
                        failures.Add($"{url}: {ex.Message}");
                    }
                }
            });
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"{failures.Count} of {layout.Count} pod addresses did not answer 200 on /health, e.g. {failures[0]}");
        }
    }

    private static void EnsureFree(PodLayout layout, int basePort)
    {
        var endpoints = layout.Processes.SelectMany(p => p.Addresses).Select(a => new IPEndPoint(a, PodLayout.Port))
            .Concat(Enumerable.Range(basePort, 6).Select(port => new IPEndPoint(IPAddress.Loopback, port)));
        foreach (var endpoint in endpoints)
        {
            try
            {
                using var listener = new TcpListener(endpoint);
                listener.Start();
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"{endpoint} is already in use (is another growth bench running?)");
            }
        }
    }

    private ChildProcess Add(ChildProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
