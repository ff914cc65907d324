namespace AppHost.Topology;

/// <summary>One KubeApp process standing in for one pod of a Deployment in <c>k8s/</c>.</summary>
internal static class KubeAppPodExtensions
{
    /// <summary>The environment variable KubeApp takes its version from in local runs.</summary>
    public const string VersionVariable = "KUBEAPP_VERSION";

    /// <summary>Adds a KubeApp process listening on <paramref name="url"/> and reporting <paramref name="version"/>.</summary>
    public static IResourceBuilder<ProjectResource> AddKubeAppPod(
        this IDistributedApplicationBuilder builder, string name, Uri url, string version) =>
        // Each pod is its own resource rather than a replica behind one Aspire proxy: the gateway must see, and
        // balance across, the individual pod addresses, as it sees EndpointSlice addresses in the cluster.
        builder.AddProject<Projects.KubeApp>(name, project => project.ExcludeLaunchProfile = true)
            .WithArgs("--urls", url.GetLeftPart(UriPartial.Authority))
            // Stable pods too: a KUBEAPP_VERSION left in the developer's shell must not turn them into canaries.
            .WithEnvironment(VersionVariable, version)
            .WithDirectHttpEndpoint(EndpointNames.Http, url)
            .WithoutEndpointsInEnvironment()
            // The Deployments' readiness probe; the gateway waits for it.
            .WithHttpHealthCheck("/health", endpointName: EndpointNames.Http);
}
