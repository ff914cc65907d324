using Gateway.Configuration;
using Gateway.Discovery.Kubernetes;
using Gateway.Tracks;
using Microsoft.Extensions.Options;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>Registers the Kubernetes side of rollouts (several replicas): ahead of the single-process defaults.</summary>
internal static class KubernetesRolloutServices
{
    public static IServiceCollection AddKubernetesRollouts(this IServiceCollection services, IConfiguration configuration)
    {
        // Identity, election timings and the peers Service are read once at startup.
        var options = GatewaySettings.BindOrDefault<RolloutOptions>(configuration, RolloutOptions.SectionName);
        services.AddSingleton(provider => Create<KubernetesRolloutStore>(provider, (c, ns) => new KubernetesRolloutStore(c, ns, Timings(provider), Time(provider), Logger<KubernetesRolloutStore>(provider))));
        services.AddSingleton<IRolloutStore>(provider => provider.GetRequiredService<KubernetesRolloutStore>());
        services.AddSingleton(provider => Create(provider, (c, ns) => new KubernetesLeadership(c, ns, options, Logger<KubernetesLeadership>(provider))));
        services.AddSingleton<ILeadership>(provider => provider.GetRequiredService<KubernetesLeadership>());
        services.AddSingleton(provider => Create(provider, (c, ns) => new RolloutPeers(c, ns, options.PeersService, Timings(provider), Time(provider), Logger<RolloutPeers>(provider))));
        services.AddSingleton<IRolloutSamples>(provider =>
        {
            var local = new LocalRolloutSamples(provider.GetRequiredService<TrafficRecorder>(), options.EffectiveIdentity, provider.GetRequiredService<RolloutInstance>().Id);
            return new PeerRolloutSamples(provider.GetRequiredService<RolloutPeers>(), options.EffectiveIdentity, local, PeerClient(), PeerTimeout);
        });
        services.AddSingleton<ILeaderForwarder>(provider =>
            new HttpLeaderForwarder(provider.GetRequiredService<RolloutPeers>(), ForwardTimeout, Logger<HttpLeaderForwarder>(provider), options.EffectiveIdentity));
        services.AddSingleton<IRolloutPromoter>(provider => Create(provider, (c, ns) => new DeploymentPromoter(c, ns, Tracks(provider).StableDeployment, Tracks(provider).CanaryDeployment, Logger<DeploymentPromoter>(provider))));
        services.AddSingleton(provider => Create(provider, (c, ns) => new KubernetesRolloutEvents(c, ns, Tracks(provider).CanaryDeployment, options.EffectiveIdentity, Time(provider), Logger<KubernetesRolloutEvents>(provider))));
        services.AddSingleton<IRolloutEvents>(provider => provider.GetRequiredService<KubernetesRolloutEvents>());
        services.AddHostedService<KubernetesRolloutRuntime>();
        return services;
    }

    /// <summary>How long a peer's sample may take: a check with a slower peer waits.</summary>
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long a forwarded call may take: well above <see cref="PeerTimeout"/>, the leader may be mid-check.</summary>
    private static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(10);

    private static HttpClient PeerClient() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };

    private static T Create<T>(IServiceProvider provider, Func<k8s.IKubernetes, string, T> create)
    {
        var connection = provider.GetRequiredService<KubernetesConnection>();
        return create(connection.Client, connection.Namespace);
    }

    private static KubernetesWatchOptions Timings(IServiceProvider provider) => provider.GetRequiredService<IOptions<KubernetesWatchOptions>>().Value;

    private static TimeProvider Time(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>();

    private static TracksOptions Tracks(IServiceProvider provider) => provider.GetRequiredService<IOptions<TracksOptions>>().Value;

    private static ILogger<T> Logger<T>(IServiceProvider provider) => provider.GetRequiredService<ILogger<T>>();
}
