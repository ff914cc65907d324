using Microsoft.Extensions.Primitives;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// Runs the rollout's Kubernetes loops — the state ConfigMap watch, the leader election, the peers' EndpointSlices —
/// once rollouts are enabled (at startup or by a settings reload): a gateway without rollouts makes no API call beyond
/// discovery's.
/// </summary>
internal sealed partial class KubernetesRolloutRuntime(
    IConfiguration configuration,
    KubernetesRolloutStore store,
    KubernetesLeadership leadership,
    RolloutPeers peers,
    RolloutController controller,
    ILogger<KubernetesRolloutRuntime> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!Configuration.GatewaySettings.BindOrDefault<RolloutOptions>(configuration, RolloutOptions.SectionName).Enabled)
            {
                var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (configuration.GetReloadToken().RegisterChangeCallback(static state => ((TaskCompletionSource)state!).TrySetResult(), reloaded))
                {
                    await reloaded.Task.WaitAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        LogStarting(logger);
        await Task.WhenAll(store.RunAsync(stoppingToken), leadership.RunAsync(stoppingToken), peers.RunAsync(stoppingToken), WhenSyncedAsync(stoppingToken));
    }

    /// <summary>The first read of the state may be what a leader is waiting for, even when it found no ConfigMap.</summary>
    private async Task WhenSyncedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.WhenSyncedAsync(stoppingToken);
            controller.OnStateSynced();
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 335, Level = LogLevel.Information, Message = "Rollouts across replicas: watching the state ConfigMap and the peers, campaigning for the Lease")]
    private static partial void LogStarting(ILogger logger);
}
