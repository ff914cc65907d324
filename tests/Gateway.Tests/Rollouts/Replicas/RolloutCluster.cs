using System.Net;
using FakeKubeApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Gateway.Rollouts;
using Gateway.Tests.Discovery;
using Gateway.Tests.Infrastructure;
using k8s.Models;
using TestSupport;
using static Gateway.Tests.Discovery.KubernetesHarness;

namespace Gateway.Tests.Rollouts.Replicas;

/// <summary>
/// Several gateway replicas in one process against the fake API server, as a Deployment of the gateway would run:
/// one Lease, one state ConfigMap, the management Service's EndpointSlice listing every replica (port 9090,
/// <c>management</c>, targetRef = the replica's name), the stable and canary Deployments and Services with real pods.
/// </summary>
public sealed class RolloutCluster : IAsyncDisposable
{
    public const string Token = "replica-test-token";
    public const int ManagementPort = 9090;
    public const string PeersService = "canary-gateway-management";
    public const string StableDeployment = "kubeapp-production";
    public const string CanaryDeployment = "kubeapp-canary";
    public const string CanaryReplicaSet = "kubeapp-canary-5f7c8d9b4";

    /// <summary>
    /// Short election timings (a Lease counts whole seconds), with room for a busy 2-core machine: a leader stalled
    /// past <c>RenewDeadline</c> by other test processes would lose the lead in the middle of a test.
    /// </summary>
    public static readonly string[] FastElection =
    [
        "Gateway:Rollout:LeaseDuration=00:00:02",
        "Gateway:Rollout:RenewDeadline=00:00:01.500",
        "Gateway:Rollout:RetryPeriod=00:00:00.250",
    ];

    private readonly string[] _settings;
    private readonly List<RolloutReplica> _replicas = [];
    private readonly List<RolloutReplica> _stopped = [];
    private int _next;

    private RolloutCluster(KubernetesHarness k8s, Backend canary, string[] settings)
    {
        K8s = k8s;
        Canary = canary;
        _settings = settings;
    }

    public KubernetesHarness K8s { get; }

    public FakeKubeApiServer Api => K8s.Api;

    public Backend Canary { get; }

    /// <summary>The replicas running now, in start order.</summary>
    public IReadOnlyList<RolloutReplica> Replicas => _replicas;

    /// <summary>
    /// Starts the topology and <paramref name="replicas"/> gateways with rollouts on (Interval 1 s, MinRequests 20, one
    /// check per step, steps 25/50/100) unless <paramref name="settings"/> say otherwise.
    /// </summary>
    /// <param name="replicas">How many gateways.</param>
    /// <param name="canary">A canary pod of its own (e.g. failing some requests); default a KubeApp 2.0.</param>
    /// <param name="settings">More gateway settings ("Key=Value"), after the defaults.</param>
    public static async Task<RolloutCluster> StartAsync(int replicas, Action<WebApplication>? canary = null, params string[] settings)
    {
        var k8s = await KubernetesHarness.StartAsync();
        var stable1 = await k8s.StartPodAsync("1.0");
        var stable2 = await k8s.StartPodAsync("1.0");
        var canaryPod = canary is null ? await k8s.StartPodAsync("2.0") : await Backend.StartCustomAsync(canary, "2.0");
        var cluster = new RolloutCluster(k8s, canaryPod, settings);
        k8s.Api.UpsertSlice(EndpointSliceBuilder.For(StableService, Namespace).Name("stable-1").Port(Loopback.PodPort, "http")
            .Endpoint(stable1.Address.ToString(), pod: "kubeapp-production-7c9f8b6d5-a1b2c")
            .Endpoint(stable2.Address.ToString(), pod: "kubeapp-production-7c9f8b6d5-d3e4f")
            .Build());
        k8s.Api.UpsertSlice(EndpointSliceBuilder.For(CanaryService, Namespace).Name("canary-1").Port(Loopback.PodPort, "http")
            .Endpoint(canaryPod.Address.ToString(), pod: $"{CanaryReplicaSet}-x2k9p")
            .Build());
        k8s.Api.Upsert(Deployment(StableDeployment, "stable", "kubeapp:1.0", replicas: 3, ("GREETING", "hello")));
        k8s.Api.Upsert(Deployment(CanaryDeployment, "canary", "kubeapp:2.0", replicas: 1));
        k8s.Api.CompleteDeploymentRollout(Namespace, StableDeployment);
        k8s.Api.CompleteDeploymentRollout(Namespace, CanaryDeployment);
        try
        {
            for (var i = 0; i < replicas; i++)
            {
                await cluster.AddReplicaAsync();
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts one more replica and lists it in the management Service.</summary>
    public async Task<RolloutReplica> AddReplicaAsync()
    {
        var identity = $"canary-gateway-6d9f7c8b5-r{_next++}";
        var address = Loopback.NextAddress(Backend.AddressRange, ManagementPort);
        var gateway = await K8s.StartGatewayAsync(
        [
            $"Gateway:Listen:Management=http://{address}:{ManagementPort}",
            "Gateway:Canary:Weight=0",
            $"Gateway:Management:Token={Token}",
            "Gateway:Rollout:Enabled=true",
            $"Gateway:Rollout:Identity={identity}",
            "Gateway:Rollout:Interval=00:00:01",
            "Gateway:Rollout:MinRequests=20",
            "Gateway:Rollout:ChecksPerStep=1",
            .. RolloutGateway.Steps(25, 50, 100),
            .. FastElection,
            .. _settings,
        ]);
        var replica = new RolloutReplica(identity, address, gateway);
        _replicas.Add(replica);
        PublishPeers();
        return replica;
    }

    /// <summary>
    /// Kills a replica: as for the others, its Lease simply stops being renewed (its goodbye, the release of the
    /// Lease, is refused by the API server) and it leaves the Service.
    /// </summary>
    public async Task KillAsync(RolloutReplica replica)
    {
        Api.Forbid(FakeKubeApi.KubeApiVerb.Update, "leases");
        try
        {
            await StopAsync(replica);
        }
        finally
        {
            Api.ClearForbidden();
        }
    }

    /// <summary>Stops a replica gracefully (as on a rolling update: it releases the Lease) and takes it out of the Service.</summary>
    public async Task StopAsync(RolloutReplica replica)
    {
        _replicas.Remove(replica);
        _stopped.Add(replica);
        PublishPeers();
        await replica.DisposeAsync();
    }

    /// <summary>
    /// Completes with the replica that leads, once exactly one running replica does, has read the state, and every
    /// other replica knows it (so a call on any replica reaches it).
    /// </summary>
    public async Task<RolloutReplica> WaitForLeaderAsync(TimeSpan timeout)
    {
        var changed = new SemaphoreSlim(0);
        void OnChanged() => changed.Release();
        foreach (var replica in _replicas)
        {
            replica.Leadership.Changed += OnChanged;
        }

        try
        {
            using var cap = new CancellationTokenSource(timeout);
            while (true)
            {
                var leaders = _replicas.Where(r => r.IsLeader && r.Controller.StateSynced).ToArray();
                if (leaders.Length == 1 && _replicas.All(r => r.Leadership.Leader == leaders[0].Identity))
                {
                    // Done taking over (baselines, auto-start) before the test acts.
                    await leaders[0].Controller.WhenTakenOverAsync().WaitAsync(cap.Token);
                    return leaders[0];
                }

                try
                {
                    await changed.WaitAsync(cap.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"No single leader within {timeout}: {string.Join(", ", _replicas.Select(r => $"{r.Identity} leader={r.IsLeader} sees {r.Leadership.Leader ?? "none"}"))}");
                }
            }
        }
        finally
        {
            foreach (var replica in _replicas)
            {
                replica.Leadership.Changed -= OnChanged;
            }
        }
    }

    /// <summary>Completes when every running replica's state satisfies <paramref name="condition"/>.</summary>
    internal async Task WaitForAllAsync(Func<RolloutState, bool> condition, TimeSpan timeout, string what) =>
        await Task.WhenAll(_replicas.Select(r => r.WaitForStateAsync(condition, timeout, what)));

    /// <summary>Steady traffic through every running replica's public port, each worker one user.</summary>
    /// <param name="workersPerReplica">Users per replica.</param>
    /// <param name="failingOn">Replicas whose users send <see cref="FailHeader"/>.</param>
    /// <param name="targets">The replicas to load (default: all running now).</param>
    public SteadyLoad Load(int workersPerReplica = 2, Func<RolloutReplica, bool>? failingOn = null, IReadOnlyList<RolloutReplica>? targets = null)
    {
        targets ??= _replicas.ToArray();
        return SteadyLoad.Start(
            // No cookies: every request is a new user, so each step's weight shows in the split.
            () => new HttpClient(new SocketsHttpHandler { UseCookies = false }),
            targets.Count * workersPerReplica,
            worker =>
            {
                var replica = targets[worker % targets.Count];
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(replica.Gateway.PublicUrl, "/"));
                request.Headers.Host = "foo.bar";
                if (failingOn?.Invoke(replica) == true)
                {
                    request.Headers.Add(FailHeader, "1");
                }

                return request;
            },
            TimeSpan.FromMinutes(3));
    }

    /// <summary>A request carrying this header fails on <see cref="FailingCanary"/>.</summary>
    public const string FailHeader = "X-Test-Fail";

    /// <summary>A canary pod that answers 500 to requests with <see cref="FailHeader"/>, else like KubeApp 2.0.</summary>
    public static void FailingCanary(WebApplication app) =>
        app.MapGet("/", (HttpRequest request) => request.Headers.ContainsKey(FailHeader)
            ? Results.Text("broken", statusCode: StatusCodes.Status500InternalServerError)
            : Results.Text("Hello from kubeapp 2.0"));

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas.Concat(_stopped))
        {
            await replica.DisposeAsync();
        }

        await Canary.DisposeAsync();
        await K8s.DisposeAsync();
    }

    private void PublishPeers()
    {
        var slice = EndpointSliceBuilder.For(PeersService, Namespace).Name($"{PeersService}-abcde").Port(ManagementPort, "management");
        foreach (var replica in _replicas)
        {
            slice.Endpoint(replica.Address.ToString(), pod: replica.Identity);
        }

        Api.UpsertSlice(slice.Build());
    }

    private static V1Deployment Deployment(string name, string track, string image, int replicas, params (string Name, string Value)[] env)
    {
        var labels = new Dictionary<string, string> { ["app"] = "kubeapp", ["track"] = track };
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "kubeapp",
                                Image = image,
                                Ports = [new V1ContainerPort { ContainerPort = Loopback.PodPort, Name = "http" }],
                                Env = [.. env.Select(e => new V1EnvVar { Name = e.Name, Value = e.Value })],
                            },
                        ],
                    },
                },
            },
        };
    }
}
