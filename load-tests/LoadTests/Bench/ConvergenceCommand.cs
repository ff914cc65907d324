using System.CommandLine;
using System.Diagnostics;
using FakeKubeApi;
using Gateway;
using Gateway.Hosting;
using LoadTests.Cli;
using LoadTests.Topology;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace LoadTests.Bench;

/// <summary>
/// <c>convergence</c>: how long from an EndpointSlice change at the API server to the first request routed
/// accordingly. The gateway runs in Kubernetes mode against the fake API server (through the real KubernetesClient);
/// each change moves the canary Service between two pods answering different versions, and a client asks the pinned
/// canary host until the new pod answers. With <c>--endpoints</c> and <c>--slices</c> each Service lists that many
/// endpoints over that many slices, and each change rewrites one slice (see <see cref="ConvergenceSlices"/>).
/// </summary>
internal static class ConvergenceCommand
{
    private const byte AddressRange = 5;

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("convergence", "Time from an EndpointSlice change at a fake Kubernetes API server to the first request routed accordingly (p50/p99).");
        var changes = OptionFactory.Create("--changes", 100, "Number of EndpointSlice changes to time.", "count");
        var endpoints = OptionFactory.Create("--endpoints", 1, "Endpoints of each Service: the stable one's ready (pod + unused addresses, so YARP holds that many destinations), the canary one's all listed not ready but the pod that moves.", "n");
        var slices = OptionFactory.Create("--slices", 1, "EndpointSlices each Service's endpoints are spread over; each change rewrites one (slice 0 of the canary Service).", "n");
        command.Options.Add(changes);
        command.Options.Add(endpoints);
        command.Options.Add(slices);
        command.SetAction(async (parse, cancellation) =>
        {
            var count = parse.GetValue(changes);
            var problem = count < 1 ? $"--changes must be at least 1, got {count}" : ConvergenceSlices.Validate(parse.GetValue(endpoints), parse.GetValue(slices));
            if (problem is not null)
            {
                throw new UsageException(problem);
            }

            return await RunAsync(console, count, new ConvergenceSlices(parse.GetValue(endpoints), parse.GetValue(slices)), cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, int changes, ConvergenceSlices layout, CancellationToken cancellation)
    {
        await using var api = await FakeKubeApiServer.StartAsync(cancellationToken: cancellation);
        var directory = Directory.CreateTempSubdirectory("convergence-").FullName;
        var apps = new List<WebApplication>();
        try
        {
            var stable = await StartPodAsync(apps, "1.0");
            var canaryA = await StartPodAsync(apps, "2.0-a");
            var canaryB = await StartPodAsync(apps, "2.0-b");
            foreach (var slice in layout.Stable(stable.Address).Concat(layout.Canary(canaryA.Address)))
            {
                api.UpsertSlice(slice);
            }

            var gateway = GatewayApp.Build([
                "--Gateway:Discovery=Kubernetes",
                $"--Gateway:Kubernetes:Kubeconfig={api.WriteKubeconfig(directory)}",
                "--Gateway:Kubernetes:Namespace=production",
                "--Gateway:Listen:Http=http://127.0.0.1:0",
                "--Gateway:Listen:Management=http://127.0.0.1:0",
                "--Gateway:Listen:Https=",
                "--Logging:LogLevel:Default=Warning",
                "--Gateway:Shutdown:DrainPeriod=00:00:00",
            ]);
            apps.Add(gateway);
            await gateway.StartAsync(cancellation);
            var port = gateway.Services.GetRequiredService<ListenerRegistry>().PublicEndPoints[0].Port;
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };

            await WaitForVersionAsync(client, "2.0-a", TimeSpan.FromSeconds(30), cancellation);
            var samples = new List<double>(changes);
            for (var i = 0; i < changes; i++)
            {
                var (target, version) = i % 2 == 0 ? (canaryB, "2.0-b") : (canaryA, "2.0-a");
                var change = layout.CanaryChange(target.Address);
                var started = Stopwatch.GetTimestamp();
                api.UpsertSlice(change);
                await WaitForVersionAsync(client, version, TimeSpan.FromSeconds(10), cancellation);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            samples.Sort();
            double Percentile(double q) => samples[Math.Clamp((int)Math.Ceiling(q * samples.Count) - 1, 0, samples.Count - 1)];
            console.MarkupLine($"EndpointSlice change → first request routed accordingly, over {samples.Count} changes"
                + (layout.Endpoints == 1 ? ":" : $" ({layout.Endpoints} endpoints per Service in {layout.Slices} slices; each change rewrites one slice of {layout.Sizes[0]}):"));
            console.MarkupLine($"  p50 [bold]{Percentile(0.50):F1} ms[/]   p90 {Percentile(0.90):F1} ms   p99 [bold]{Percentile(0.99):F1} ms[/]   max {samples[^1]:F1} ms   (target p99 ≤ 250 ms)");
            return Percentile(0.99) <= 250 ? ExitCodes.Passed : ExitCodes.Failed;
        }
        finally
        {
            for (var i = apps.Count - 1; i >= 0; i--)
            {
                await apps[i].StopAsync(CancellationToken.None);
                await apps[i].DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(WebApplication App, string Address)> StartPodAsync(List<WebApplication> apps, string version)
    {
        var address = LoopbackAddresses.Next(AddressRange, InProcessTopology.PodPort).ToString();
        var app = KubeAppHost.Build(["--urls", $"http://{address}:{InProcessTopology.PodPort}", "--KUBEAPP_VERSION", version, "--Logging:LogLevel:Default=Warning"]);
        apps.Add(app);
        await app.StartAsync();
        return (app, address);
    }

    private static async Task WaitForVersionAsync(HttpClient client, string version, TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var marker = $"Version {version} ";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "canary.foo.bar" } };
            using var response = await client.SendAsync(request, cancellation);
            if ((await response.Content.ReadAsStringAsync(cancellation)).Contains(marker, StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new TimeoutException($"The gateway did not route to version {version} within {timeout.TotalSeconds} s.");
    }
}
