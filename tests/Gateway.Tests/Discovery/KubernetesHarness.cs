using FakeKubeApi;
using Gateway.Discovery.Kubernetes;
using Gateway.Tests.Infrastructure;
using Gateway.Tracks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using k8s.Models;

namespace Gateway.Tests.Discovery;

/// <summary>
/// The fake API server, real KubeApp "pods" on 127.2.x.x:8080 and the gateway in Kubernetes mode talking to the API
/// through the real KubernetesClient and a kubeconfig, as in a cluster.
/// </summary>
public sealed class KubernetesHarness : IAsyncDisposable
{
    public const string Namespace = "production";
    public const string StableService = "kubeapp-production-service";
    public const string CanaryService = "kubeapp-canary-service";

    private readonly List<Backend> _pods = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-k8s-").FullName;

    private KubernetesHarness(FakeKubeApiServer api)
    {
        Api = api;
        Kubeconfig = api.WriteKubeconfig(_directory, Namespace);
    }

    public FakeKubeApiServer Api { get; }

    public string Kubeconfig { get; }

    public LogCapture Logs { get; } = new();

    public static async Task<KubernetesHarness> StartAsync() => new(await FakeKubeApiServer.StartAsync());

    /// <summary>A KubeApp pod whose version string names it ("1.0-a"), so a response tells which pod served it.</summary>
    public async Task<Backend> StartPodAsync(string version)
    {
        var pod = await Backend.StartKubeAppAsync(version);
        _pods.Add(pod);
        return pod;
    }

    /// <summary>An EndpointSlice of <paramref name="service"/> with the pods on port 8080 ("http").</summary>
    public static V1EndpointSlice Slice(string service, string name, params (Backend Pod, bool? Ready)[] endpoints)
    {
        var builder = EndpointSliceBuilder.For(service, Namespace).Name(name).Port(TestSupport.Loopback.PodPort, "http");
        foreach (var (pod, ready) in endpoints)
        {
            builder.Endpoint(pod.Address.ToString(), ready);
        }

        return builder.Build();
    }

    /// <summary>
    /// Completes when the catalog holds a snapshot satisfying <paramref name="condition"/>: the current one, or the
    /// next one published. Subscribes before looking at the current snapshot, so no publish can slip in between.
    /// </summary>
    public static async Task WaitForSnapshotAsync(GatewayInstance gateway, Func<EndpointSnapshot, bool> condition, TimeSpan timeout)
    {
        var catalog = gateway.Service<EndpointCatalog>();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(EndpointSnapshot snapshot)
        {
            if (condition(snapshot))
            {
                seen.TrySetResult();
            }
        }

        catalog.Changed += OnChanged;
        try
        {
            OnChanged(catalog.Current);
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            var now = catalog.Current;
            throw new TimeoutException($"No snapshot satisfied the condition within {timeout}; now: stable synced {now.StableSynced} ({now.Stable.Length} endpoints), canary synced {now.CanarySynced} ({now.Canary.Length} endpoints)");
        }
        finally
        {
            catalog.Changed -= OnChanged;
        }
    }

    /// <summary>Starts the gateway in Kubernetes mode with short retry timings.</summary>
    public Task<GatewayInstance> StartGatewayAsync(params string[] settings) =>
        GatewayInstance.StartAsync([], [], [
            "Gateway:Discovery=Kubernetes",
            $"Gateway:Kubernetes:Kubeconfig={Kubeconfig}",
            $"Gateway:Kubernetes:Namespace={Namespace}",
            .. settings,
        ], builder =>
        {
            builder.Services.Configure<KubernetesWatchOptions>(timings =>
            {
                timings.BackoffInitial = TimeSpan.FromMilliseconds(50);
                timings.BackoffMax = TimeSpan.FromMilliseconds(400);
            });
            builder.Services.AddSingleton<ProxyConfigSignal>();
            builder.Services.AddSingleton<IConfigChangeListener>(sp => sp.GetRequiredService<ProxyConfigSignal>());
            builder.Logging.AddProvider(Logs);
            builder.Logging.AddFilter<LogCapture>(null, LogLevel.Information);
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var pod in _pods)
        {
            await pod.DisposeAsync();
        }

        await Api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
