using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppHost.Topology;

/// <summary>Adds the canary topology of <c>k8s/</c> to an Aspire app host: KubeApp pods of both tracks and the gateway.</summary>
public static class TopologyBuilderExtensions
{
    /// <summary>
    /// Adds one KubeApp process per pod of each track (<see cref="TopologyOptions"/>), each on its own address, and
    /// the gateway in Static discovery mode routing between them once they are healthy.
    /// </summary>
    /// <exception cref="OptionsValidationException">The <c>Topology</c> section is invalid; the message names the key.</exception>
    public static IDistributedApplicationBuilder AddCanaryTopology(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var topology = LoadOptions(builder.Configuration.GetSection(TopologyOptions.SectionName));
        builder.CheckBeforeStart(Addresses(topology));
        var stable = builder.AddKubeAppTrack(ResourceNames.StableTrack, topology.EffectiveStablePods, topology.StableVersion, 0, 0);
        var canary = builder.AddKubeAppTrack(
            ResourceNames.CanaryTrack, topology.EffectiveCanaryPods, topology.CanaryVersion, topology.CanaryFailureRate ?? 0, topology.CanaryExtraLatency ?? 0);
        var gateway = builder.AddStaticGateway(topology);

        foreach (var pod in stable.Concat(canary))
        {
            gateway.WaitFor(pod);
        }

        return builder;
    }

    // Not AddOptions<T>().ValidateOnStart(): the app model is built from these values before the host (and so the
    // options pipeline) starts, so they are bound and validated here, once, up front.
    private static TopologyOptions LoadOptions(IConfigurationSection section)
    {
        var options = new TopologyOptions();
        // A misspelt key (Topology:StablePod) must fail, not silently leave the default in place.
        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);

        var result = new TopologyOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TopologyOptions), result.Failures);
        }

        return options;
    }

    private static List<(string Key, Uri Url)> Addresses(TopologyOptions topology)
    {
        var addresses = new List<(string, Uri)>
        {
            (nameof(TopologyOptions.GatewayHttp), new Uri(topology.GatewayHttp)),
            (nameof(TopologyOptions.GatewayManagement), new Uri(topology.GatewayManagement)),
        };
        if (!string.IsNullOrEmpty(topology.GatewayHttps))
        {
            addresses.Add((nameof(TopologyOptions.GatewayHttps), new Uri(topology.GatewayHttps)));
        }

        addresses.AddRange(topology.EffectiveStablePods.Select((url, i) => ($"{nameof(TopologyOptions.StablePods)}:{i}", new Uri(url))));
        addresses.AddRange(topology.EffectiveCanaryPods.Select((url, i) => ($"{nameof(TopologyOptions.CanaryPods)}:{i}", new Uri(url))));
        return addresses;
    }

    private static List<IResourceBuilder<ProjectResource>> AddKubeAppTrack(
        this IDistributedApplicationBuilder builder, string track, IReadOnlyList<string> pods, string version, decimal failureRate, int extraLatency)
    {
        var resources = new List<IResourceBuilder<ProjectResource>>(pods.Count);
        for (var i = 0; i < pods.Count; i++)
        {
            resources.Add(builder.AddKubeAppPod(ResourceNames.Pod(track, i), new Uri(pods[i]), version, failureRate, extraLatency));
        }

        return resources;
    }
}
