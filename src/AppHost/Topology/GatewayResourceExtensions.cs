using System.Globalization;

namespace AppHost.Topology;

/// <summary>The gateway (<c>src/Gateway</c>) in Static discovery mode, configured only through environment variables.</summary>
internal static class GatewayResourceExtensions
{
    /// <summary>
    /// Adds the gateway with the pods of <paramref name="topology"/> as its Static destinations. Every setting goes
    /// through the keys DESIGN.md documents (<c>Gateway__…</c>), the same a container or ConfigMap would use.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddStaticGateway(this IDistributedApplicationBuilder builder, TopologyOptions topology)
    {
        var http = new Uri(topology.GatewayHttp);
        var management = new Uri(topology.GatewayManagement);

        var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway, project => project.ExcludeLaunchProfile = true)
            .WithEnvironment("Gateway__Discovery", "Static")
            .WithDestinations("Stable", topology.EffectiveStablePods)
            .WithDestinations("Canary", topology.EffectiveCanaryPods)
            .WithEnvironment("Gateway__Listen__Http", http.GetLeftPart(UriPartial.Authority))
            .WithEnvironment("Gateway__Listen__Management", management.GetLeftPart(UriPartial.Authority))
            .WithDirectHttpEndpoint(EndpointNames.Http, http)
            .WithDirectHttpEndpoint(EndpointNames.Management, management)
            .WithoutEndpointsInEnvironment()
            // Ready once discovery has synced both tracks: the point from which it can route.
            .WithHttpHealthCheck("/readyz", endpointName: EndpointNames.Management);

        if (string.IsNullOrEmpty(topology.GatewayHttps))
        {
            // Empty disables the listener.
            gateway.WithEnvironment("Gateway__Listen__Https", string.Empty);
        }
        else
        {
            // A certificate made at startup for the pinned hosts and localhost; its CA file's path is logged.
            // Plain HTTP keeps working (no redirect) so the curl lines in README need no certificate.
            var https = new Uri(topology.GatewayHttps);
            gateway.WithEnvironment("Gateway__Listen__Https", https.GetLeftPart(UriPartial.Authority))
                .WithEnvironment("Gateway__Tls__SelfSigned", "true")
                .WithEnvironment("Gateway__Tls__RedirectHttp", "false")
                .WithEnvironment("Gateway__Tls__HttpsPort", https.Port.ToString(CultureInfo.InvariantCulture))
                .WithDirectHttpEndpoint(EndpointNames.Https, https, "https");
        }

        if (topology.Rollout)
        {
            gateway.WithDemoRollout(management);
        }
        else if (topology.CanaryWeight is { } weight)
        {
            gateway.WithEnvironment("Gateway__Canary__Weight", weight.ToString(CultureInfo.InvariantCulture));
        }

        return gateway;
    }

    private static IResourceBuilder<ProjectResource> WithDestinations(
        this IResourceBuilder<ProjectResource> gateway, string track, IReadOnlyList<string> pods)
    {
        for (var i = 0; i < pods.Count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"Gateway__Tracks__{track}__Destinations__{i}");
            gateway.WithEnvironment(key, new Uri(pods[i]).GetLeftPart(UriPartial.Authority));
        }

        return gateway;
    }
}
