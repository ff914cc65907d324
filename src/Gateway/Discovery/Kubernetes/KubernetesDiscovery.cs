using System.Threading.Channels;
using Gateway.Telemetry;
using Gateway.Tracks;
using Microsoft.Extensions.Options;
using k8s;

namespace Gateway.Discovery.Kubernetes;

/// <summary>
/// Kubernetes mode: watches both tracks' Services and publishes their endpoints to the <see cref="EndpointCatalog"/>,
/// coalescing bursts of changes into one update (one YARP configuration swap).
/// </summary>
internal sealed partial class KubernetesDiscovery : BackgroundService, IEndpointDiscovery
{
    private readonly TracksOptions _tracks;
    private readonly KubernetesWatchOptions _timings;
    private readonly EndpointCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly KubernetesConnection _connection;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private string? _namespace;
    private ServiceWatcher[] _watchers = [];

    public KubernetesDiscovery(
        KubernetesConnection connection,
        IOptions<TracksOptions> tracks,
        IOptions<KubernetesWatchOptions> timings,
        EndpointCatalog catalog,
        TimeProvider time,
        GatewayMetrics metrics,
        ILoggerFactory loggers)
    {
        _connection = connection;
        _tracks = tracks.Value;
        _timings = timings.Value;
        _catalog = catalog;
        _time = time;
        _metrics = metrics;
        _loggers = loggers;
        _logger = loggers.CreateLogger<KubernetesDiscovery>();
    }

    public DiscoveryMode Mode => DiscoveryMode.Kubernetes;

    public DiscoveryStatus Status
    {
        get
        {
            // Each watcher swaps in an immutable status; before startup there are none.
            var watchers = Volatile.Read(ref _watchers);
            return watchers.Length == 0 ? DiscoveryStatus.None : new DiscoveryStatus(Volatile.Read(ref _namespace), [.. watchers.Select(w => w.Status)]);
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // A kubeconfig that cannot be loaded is a configuration error: fail startup with one line.
        var client = _connection.Client;
        var @namespace = _connection.Namespace;
        Volatile.Write(ref _namespace, @namespace);
        var logger = _loggers.CreateLogger<ServiceWatcher>();
        Volatile.Write(ref _watchers,
        [
            new ServiceWatcher(client, @namespace, _tracks.StableService, Track.Stable, _tracks.Stable.PortName, _timings, _time, _metrics, logger, Changed),
            new ServiceWatcher(client, @namespace, _tracks.CanaryService, Track.Canary, _tracks.Canary.PortName, _timings, _time, _metrics, logger, Changed),
        ]);
        LogStarting(_logger, @namespace, _tracks.StableService, _tracks.CanaryService);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watching = _watchers.Select(w => w.RunAsync(stoppingToken)).ToArray();
        try
        {
            await PublishChangesAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(watching);
    }

    private void Changed() => _changes.Writer.TryWrite(true);

    private async Task PublishChangesAsync(CancellationToken stopping)
    {
        var reader = _changes.Reader;
        while (await reader.WaitToReadAsync(stopping))
        {
            reader.TryRead(out _);

            // Hold the burst until it goes quiet, at most CoalesceWindow after its first change.
            var deadline = _time.GetUtcNow() + _timings.CoalesceWindow;
            while (true)
            {
                var remaining = deadline - _time.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                quiet.CancelAfter(remaining < _timings.CoalesceQuiet ? remaining : _timings.CoalesceQuiet);
                try
                {
                    if (!await reader.WaitToReadAsync(quiet.Token))
                    {
                        break;
                    }

                    reader.TryRead(out _);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    break;
                }
            }

            Publish();
        }
    }

    private void Publish()
    {
        var stable = _watchers[0];
        var canary = _watchers[1];
        _catalog.Publish(new EndpointSnapshot
        {
            Stable = stable.Endpoints,
            Canary = canary.Endpoints,
            StableSynced = stable.Synced,
            CanarySynced = canary.Synced,
        });
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Kubernetes discovery in namespace {Namespace}: stable Service {StableService}, canary Service {CanaryService}")]
    private static partial void LogStarting(ILogger logger, string @namespace, string stableService, string canaryService);
}
