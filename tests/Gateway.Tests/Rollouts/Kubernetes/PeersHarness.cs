using System.Net;
using FakeKubeApi;
using Gateway.Discovery.Kubernetes;
using Gateway.Rollouts.Kubernetes;
using Gateway.Tests.Infrastructure;
using k8s;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>
/// The fake API server and a running <see cref="RolloutPeers"/> over the management Service's EndpointSlices, through
/// the real KubernetesClient, with short retry timings.
/// </summary>
internal sealed class PeersHarness : IAsyncDisposable
{
    public const string Namespace = "production";
    public const string Service = "canary-gateway-management";
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(20);

    private readonly k8s.Kubernetes _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly LoggerFactory _loggers = new();
    private Task _run = Task.CompletedTask;

    private PeersHarness(FakeKubeApiServer api)
    {
        Api = api;
        _client = new k8s.Kubernetes(api.CreateClientConfiguration(Namespace));
        _loggers.AddProvider(Logs);
        var timings = new KubernetesWatchOptions { BackoffInitial = TimeSpan.FromMilliseconds(50), BackoffMax = TimeSpan.FromMilliseconds(400) };
        Peers = new RolloutPeers(_client, Namespace, Service, timings, TimeProvider.System, _loggers.CreateLogger<RolloutPeers>());
    }

    public FakeKubeApiServer Api { get; }

    public RolloutPeers Peers { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>Starts the API server; the directory runs only after <see cref="Run"/>.</summary>
    public static async Task<PeersHarness> StartAsync() => new(await FakeKubeApiServer.StartAsync());

    /// <summary>Starts the directory's list-and-watch loop.</summary>
    public PeersHarness Run()
    {
        _run = Task.Run(() => Peers.RunAsync(_stop.Token));
        return this;
    }

    /// <summary>A slice of the management Service listing <paramref name="endpoints"/> on the <c>management</c> port.</summary>
    public static EndpointSliceBuilder Slice(string name, int port, params (string Address, string? Pod, bool Ready)[] endpoints)
    {
        var slice = EndpointSliceBuilder.For(Service, Namespace).Name(name).Port(8080, "http").Port(port, RolloutObjectNames.ManagementPort);
        foreach (var (address, pod, ready) in endpoints)
        {
            slice.Endpoint(address, ready, pod: pod);
        }

        return slice;
    }

    /// <summary>Serves each peer server in a slice of its own (each has its own port) and waits until the directory lists exactly them.</summary>
    public Task PublishAsync(params PeerServer[] servers) => PublishAsync([.. servers.Select(s => (s.Identity, s.Address, s.Port))]);

    /// <summary>As <see cref="PublishAsync(PeerServer[])"/> for peers given by identity, address and port.</summary>
    public async Task PublishAsync(params (string Identity, IPAddress Address, int Port)[] peers)
    {
        foreach (var (identity, address, port) in peers)
        {
            Api.UpsertSlice(Slice($"peer-{identity}", port, (address.ToString(), identity, true)).Build());
        }

        var expected = peers.Select(p => (p.Identity, new Uri($"http://{p.Address}:{p.Port}"))).OrderBy(p => p.Identity, StringComparer.Ordinal).ToArray();
        await WaitForAsync(current => current.Select(p => (p.Identity, p.Management)).SequenceEqual(expected));
    }

    /// <summary>Completes once the directory is synced and its peers satisfy <paramref name="condition"/> (now or after a change).</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<RolloutPeer>, bool> condition)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (Peers.Synced && condition(Peers.Current))
            {
                seen.TrySetResult();
            }
        }

        Peers.Changed += Check;
        try
        {
            Check();
            await seen.Task.WaitAsync(WaitTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Peers never matched within {WaitTimeout}; synced {Peers.Synced}, now: {string.Join(", ", Peers.Current)}");
        }
        finally
        {
            Peers.Changed -= Check;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
        _client.Dispose();
        _loggers.Dispose();
        await Api.DisposeAsync();
    }
}
