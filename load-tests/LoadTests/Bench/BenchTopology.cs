using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Spectre.Console;
using TestSupport;

namespace LoadTests.Bench;

/// <summary>
/// The bench's processes, without the app host: 3 stable KubeApps on 127.0.0.2–4:8080 and a canary (KUBEAPP_VERSION=2.0)
/// on 127.0.0.5:8080 from Release builds, the gateway on 127.0.0.1 (static destinations, weight 25), the bare YARP
/// forwarder over the same pods (load-tests/BareYarp, the cost floor), and nginx with the shared configuration on
/// 127.0.0.1:18590. With TLS, the gateway and bare YARP also listen for HTTPS (gateway port + 3 and + 4) and a second
/// nginx runs the shared TLS configuration on 127.0.0.1:18592, all three with one certificate the bench generates.
/// Disposing stops every one of them.
/// </summary>
internal sealed class BenchTopology : IAsyncDisposable
{
    public const int NginxPort = 18590;
    public const string NginxWorkDirectory = "/tmp/nginx-canary";

    /// <summary>Where the shared TLS configuration listens, and where it reads its certificate and writes its pid and log.</summary>
    public const int NginxTlsPort = 18592;

    public const string NginxTlsWorkDirectory = "/tmp/nginx-canary-tls";

    private static readonly IPAddress[] StablePods = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3"), IPAddress.Parse("127.0.0.4")];
    private static readonly IPAddress CanaryPod = IPAddress.Parse("127.0.0.5");

    private readonly List<ChildProcess> _processes = [];

    private BenchTopology()
    {
    }

    public ChildProcess Gateway { get; private set; } = null!;

    public ChildProcess? Nginx { get; private set; }

    /// <summary>nginx with the TLS configuration, when TLS is measured and nginx is installed.</summary>
    public ChildProcess? NginxTls { get; private set; }

    /// <summary>The bare YARP forwarder: the floor the gateway's cost is compared with.</summary>
    public ChildProcess BareYarp { get; private set; } = null!;

    public Uri BareYarpUrl { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public Uri NginxUrl { get; } = new($"http://127.0.0.1:{NginxPort}/");

    public Uri DirectUrl { get; } = new($"http://{StablePods[0]}:8080/");

    public Uri NginxTlsUrl { get; } = new($"https://127.0.0.1:{NginxTlsPort}/");

    /// <summary>The gateway's HTTPS listener, or null without TLS.</summary>
    public Uri? GatewayHttpsUrl { get; private set; }

    /// <summary>Bare YARP's HTTPS listener, or null without TLS.</summary>
    public Uri? BareYarpHttpsUrl { get; private set; }

    /// <summary>Gateway resident set right after it became ready, in KiB.</summary>
    public long GatewayIdleRssKiB { get; private set; }

    /// <exception cref="InvalidOperationException">A port is taken, a build failed, or a process did not start.</exception>
    public static async Task<BenchTopology> StartAsync(BenchSettings settings, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var nginxPath = settings.SkipNginx ? null : WrkEngine.FindOnPath("nginx");
        EnsureFree(settings, nginxPath is not null);
        var certificate = settings.MeasuresTls ? BenchCertificate.Write(NginxTlsWorkDirectory, DateTimeOffset.UtcNow) : default;
        var dotnet = DotNetHost();
        if (settings.Build)
        {
            foreach (var project in new[] { "src/KubeApp/KubeApp.csproj", "src/Gateway/Gateway.csproj", "load-tests/BareYarp/BareYarp.csproj" })
            {
                console.WriteLine($"bench: dotnet build -c Release {project}");
                await using var build = BenchProcess.Start("dotnet build", dotnet, ["build", Path.Combine(settings.RepoRoot, project), "-c", "Release", "-nologo", "-v", "q"], settings.RepoRoot);
                if (await build.WaitForExitAsync(TimeSpan.FromMinutes(5), cancellationToken) != 0)
                {
                    throw new InvalidOperationException($"dotnet build {project} failed:\n{build.Output}");
                }
            }
        }

        var kubeApp = Dll(settings.RepoRoot, "KubeApp");
        var gatewayDll = Dll(settings.RepoRoot, "Gateway");
        var bareYarpDll = Dll(settings.RepoRoot, "BareYarp", "load-tests");
        var topology = new BenchTopology();
        try
        {
            var quiet = new Dictionary<string, string?> { ["Logging__LogLevel__Default"] = "Warning", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
            foreach (var pod in StablePods.Append(CanaryPod))
            {
                var env = new Dictionary<string, string?>(quiet);
                if (pod.Equals(CanaryPod))
                {
                    env["KUBEAPP_VERSION"] = "2.0";
                }

                topology.Add(BenchProcess.Start($"kubeapp {pod}", dotnet, [kubeApp, "--urls", $"http://{pod}:8080"], Path.GetDirectoryName(kubeApp), env));
            }

            var gatewayArgs = new List<string>
            {
                gatewayDll,
                $"--Gateway:Listen:Http=http://127.0.0.1:{settings.GatewayPort}",
                $"--Gateway:Listen:Management=http://127.0.0.1:{settings.ManagementPort}",
                "--Gateway:Shutdown:DrainPeriod=00:00:00",
                "--Gateway:Discovery=Static",
                string.Create(CultureInfo.InvariantCulture, $"--Gateway:Canary:Weight={settings.Weight}"),
                $"--Gateway:Tracks:Canary:Destinations:0=http://{CanaryPod}:8080",
            };
            gatewayArgs.AddRange(StablePods.Select((pod, i) => $"--Gateway:Tracks:Stable:Destinations:{i}=http://{pod}:8080"));
            if (settings.MeasuresTls)
            {
                // Plain HTTP keeps answering (no redirect), so the plain targets measure the same thing with or without TLS.
                topology.GatewayHttpsUrl = new Uri($"https://127.0.0.1:{settings.GatewayHttpsPort}/");
                gatewayArgs.AddRange([
                    $"--Gateway:Listen:Https=https://127.0.0.1:{settings.GatewayHttpsPort}",
                    $"--Gateway:Tls:CertificatePath={certificate.CertificatePath}",
                    $"--Gateway:Tls:KeyPath={certificate.KeyPath}",
                    "--Gateway:Tls:RedirectHttp=false",
                ]);
            }
            else
            {
                gatewayArgs.Add("--Gateway:Listen:Https=");
            }

            topology.Gateway = topology.Add(BenchProcess.Start("gateway", dotnet, gatewayArgs, Path.GetDirectoryName(gatewayDll), quiet));
            topology.GatewayUrl = new Uri($"http://127.0.0.1:{settings.GatewayPort}/");

            topology.BareYarpUrl = new Uri($"http://127.0.0.1:{settings.BareYarpPort}/");
            List<string> listen = [$"--Kestrel:Endpoints:Http:Url={topology.BareYarpUrl}"];
            if (settings.MeasuresTls)
            {
                // Kestrel's own certificate loading (PEM path + key path), HTTP/1.1 and HTTP/2 over ALPN by default.
                topology.BareYarpHttpsUrl = new Uri($"https://127.0.0.1:{settings.BareYarpHttpsPort}/");
                listen.AddRange([
                    $"--Kestrel:Endpoints:Https:Url={topology.BareYarpHttpsUrl}",
                    $"--Kestrel:Endpoints:Https:Certificate:Path={certificate.CertificatePath}",
                    $"--Kestrel:Endpoints:Https:Certificate:KeyPath={certificate.KeyPath}",
                ]);
            }

            topology.BareYarp = topology.Add(BenchProcess.Start(
                "bare yarp",
                dotnet,
                [bareYarpDll, .. listen, .. StablePods.Append(CanaryPod).Select(pod => $"http://{pod}:8080")],
                Path.GetDirectoryName(bareYarpDll),
                quiet));

            if (nginxPath is not null)
            {
                if (settings.MeasuresPlain)
                {
                    topology.Nginx = topology.Add(BenchNginx.Start("nginx", nginxPath, settings.NginxConfig, NginxWorkDirectory, "pass --nginx-conf, or --skip-nginx"));
                }

                if (settings.MeasuresTls)
                {
                    var tlsConfig = BenchNginx.PrepareTlsConfig(settings.NginxTlsConfig ?? RepoLocator.DefaultNginxTlsConfig(settings.RepoRoot), NginxTlsWorkDirectory);
                    topology.NginxTls = topology.Add(BenchNginx.Start("nginx tls", nginxPath, tlsConfig, NginxTlsWorkDirectory, "pass --nginx-tls-conf, or --skip-nginx"));
                }
            }
            else
            {
                console.WriteLine(settings.SkipNginx ? "bench: nginx skipped (--skip-nginx)" : "bench: nginx not installed (apt-get install nginx-light): measuring without it");
            }

            foreach (var pod in StablePods.Append(CanaryPod))
            {
                await BenchReadiness.WaitForOkAsync(topology._processes.First(p => p.Name == $"kubeapp {pod}"), new Uri($"http://{pod}:8080/health"), cancellationToken);
            }

            await BenchReadiness.WaitForOkAsync(topology.Gateway, new Uri($"http://127.0.0.1:{settings.ManagementPort}/readyz"), cancellationToken);
            await BenchReadiness.WaitForOkAsync(topology.BareYarp, topology.BareYarpUrl, cancellationToken);
            if (topology.GatewayHttpsUrl is { } gatewayHttps)
            {
                await BenchReadiness.WaitForOkAsync(topology.Gateway, gatewayHttps, cancellationToken);
            }

            if (topology.BareYarpHttpsUrl is { } bareYarpHttps)
            {
                await BenchReadiness.WaitForOkAsync(topology.BareYarp, bareYarpHttps, cancellationToken);
            }

            if (topology.Nginx is { } nginx)
            {
                await BenchReadiness.WaitForOkAsync(nginx, topology.NginxUrl, cancellationToken);
            }

            if (topology.NginxTls is { } nginxTls)
            {
                await BenchReadiness.WaitForOkAsync(nginxTls, topology.NginxTlsUrl, cancellationToken);
            }

            topology.GatewayIdleRssKiB = ProcStats.Memory(topology.Gateway.Id).RssKiB;
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary>nginx's master and worker processes.</summary>
    public IReadOnlyList<int> NginxProcessIds() => Nginx is { } nginx ? [nginx.Id, .. ProcStats.Children(nginx.Id)] : [];

    /// <summary>The TLS nginx's master and worker processes.</summary>
    public IReadOnlyList<int> NginxTlsProcessIds() => NginxTls is { } nginx ? [nginx.Id, .. ProcStats.Children(nginx.Id)] : [];

    /// <summary>The servers the bench started, for its closing line.</summary>
    public string Started => string.Join(", ", _processes.Select(p => p.Name).Distinct());

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

    /// <summary>The dotnet host: this process's when it runs as <c>dotnet LoadTests.dll</c>, else the one on PATH.</summary>
    internal static string DotNetHost()
    {
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    internal static string Dll(string repoRoot, string project, string folder = "src")
    {
        var path = Path.Combine(repoRoot, folder, project, "bin", "Release", "net10.0", project + ".dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} not found: build it with 'dotnet build -c Release {folder}/{project}' or drop --no-build.");
    }

    private static void EnsureFree(BenchSettings settings, bool nginx)
    {
        var ports = new List<int> { settings.GatewayPort, settings.ManagementPort, settings.BareYarpPort };
        if (settings.MeasuresTls)
        {
            ports.AddRange([settings.GatewayHttpsPort, settings.BareYarpHttpsPort]);
        }

        if (nginx && settings.MeasuresPlain)
        {
            ports.Add(NginxPort);
        }

        if (nginx && settings.MeasuresTls)
        {
            ports.Add(NginxTlsPort);
        }

        var endpoints = StablePods.Append(CanaryPod).Select(a => new IPEndPoint(a, 8080)).Concat(ports.Select(p => new IPEndPoint(IPAddress.Loopback, p)));

        foreach (var endpoint in endpoints)
        {
            try
            {
                using var listener = new TcpListener(endpoint);
                listener.Start();
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"{endpoint} is already in use (is the app host or another bench running?)");
            }
        }
    }

    private ChildProcess Add(ChildProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
