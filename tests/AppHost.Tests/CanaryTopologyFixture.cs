using System.Diagnostics;
using System.Globalization;
using System.Net;
using AppHost.Topology;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace AppHost.Tests;

/// <summary>
/// Starts the real app host once for all tests of a class — KubeApp and gateway processes under DCP — on addresses of
/// this assembly's own range (127.3.x.x), so it collides neither with a developer's running app host nor with other
/// test projects (127.1.x.x, 127.2.x.x). Disposing it stops every process it started.
/// </summary>
public class CanaryTopologyFixture : IAsyncLifetime
{
    /// <summary>This assembly's second octet for <see cref="Loopback.NextAddress"/>.</summary>
    private const byte AddressRange = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Stopwatch _sinceStart = new();
    private readonly IReadOnlyList<string> _extraArguments;
    private DistributedApplication? _app;

    /// <summary>The default topology on this assembly's addresses.</summary>
    public CanaryTopologyFixture()
        : this([])
    {
    }

    /// <summary>The topology with more <c>--Topology:…</c> arguments, e.g. for a rollout.</summary>
    protected CanaryTopologyFixture(IReadOnlyList<string> extraArguments)
    {
        _extraArguments = extraArguments;
    }

    /// <summary>Stable pod URLs given to the app host, as in the default topology: three.</summary>
    public IReadOnlyList<string> StablePods { get; } = [NextPodUrl(), NextPodUrl(), NextPodUrl()];

    /// <summary>Canary pod URLs given to the app host: one.</summary>
    public IReadOnlyList<string> CanaryPods { get; } = [NextPodUrl()];

    /// <summary>The gateway's public listener.</summary>
    public Uri GatewayHttp { get; private set; } = null!;

    /// <summary>The gateway's HTTPS listener (self-signed certificate).</summary>
    public Uri GatewayHttps { get; private set; } = null!;

    /// <summary>The gateway's management listener.</summary>
    public Uri GatewayManagement { get; private set; } = null!;

    /// <summary>The running app host.</summary>
    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app host has not started.");

    public async Task InitializeAsync()
    {
        var gatewayAddress = Loopback.NextAddress(AddressRange);
        var (httpPort, managementPort) = TwoFreePorts(gatewayAddress);
        GatewayHttp = new Uri($"http://{gatewayAddress}:{httpPort}");
        GatewayManagement = new Uri($"http://{gatewayAddress}:{managementPort}");
        GatewayHttps = new Uri($"https://{gatewayAddress}:{Loopback.FreePort(gatewayAddress)}");

        _sinceStart.Start();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(Arguments(), timeout.Token);
        // Health checks fail, each logged as an error, until the processes listen; the resources' own logs stay.
        builder.Services.AddLogging(logging => logging.AddFilter(typeof(HealthCheckService).Namespace, LogLevel.None));
        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            // Stops DCP, which stops every KubeApp and gateway process it started.
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until <paramref name="resource"/> reports healthy, failing at once (with its state) if it exits or fails
    /// to start instead, and once <paramref name="deadline"/> has passed since the app host started otherwise. A
    /// deadline rather than a timeout keeps the class within its time budget whatever order its tests run in.
    /// </summary>
    public async Task WaitForHealthyAsync(string resource, TimeSpan deadline)
    {
        // At least a moment, so a resource that is healthy already still passes after the deadline.
        var left = deadline - _sinceStart.Elapsed;
        using var cancellation = new CancellationTokenSource(left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        ResourceEvent last;
        try
        {
            last = await App.ResourceNotifications.WaitForResourceAsync(
                resource,
                e => e.Snapshot.HealthStatus == HealthStatus.Healthy || IsTerminal(e.Snapshot.State?.Text),
                cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var state = App.ResourceNotifications.TryGetCurrentState(resource, out var current)
                ? $"{current.Snapshot.State?.Text}, health {current.Snapshot.HealthStatus?.ToString() ?? "unknown"}"
                : "no state";
            throw new TimeoutException($"{resource} was not healthy {deadline.TotalSeconds} s after the app host started ({state}).");
        }

        Assert.True(
            last.Snapshot.HealthStatus == HealthStatus.Healthy,
            $"{resource} stopped before becoming healthy: {last.Snapshot.State?.Text} (exit code {last.Snapshot.ExitCode}).");
    }

    private string[] Arguments()
    {
        var arguments = new List<string>
        {
            $"--Topology:GatewayHttp={GatewayHttp.GetLeftPart(UriPartial.Authority)}",
            $"--Topology:GatewayManagement={GatewayManagement.GetLeftPart(UriPartial.Authority)}",
            $"--Topology:GatewayHttps={GatewayHttps.GetLeftPart(UriPartial.Authority)}",
        };
        for (var i = 0; i < StablePods.Count; i++)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--Topology:StablePods:{i}={StablePods[i]}"));
        }

        for (var i = 0; i < CanaryPods.Count; i++)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--Topology:CanaryPods:{i}={CanaryPods[i]}"));
        }

        arguments.AddRange(_extraArguments);
        return [.. arguments];
    }

    private static bool IsTerminal(string? state) =>
        state == KnownResourceStates.Exited
        || state == KnownResourceStates.FailedToStart
        || state == KnownResourceStates.Finished;

    private static string NextPodUrl() => $"http://{Loopback.NextAddress(AddressRange)}:{Loopback.PodPort}";

    private static (int First, int Second) TwoFreePorts(IPAddress address)
    {
        var first = Loopback.FreePort(address);
        var second = Loopback.FreePort(address);
        while (second == first)
        {
            second = Loopback.FreePort(address);
        }

        return (first, second);
    }
}
