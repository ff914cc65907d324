using System.Globalization;

namespace AppHost.Topology;

/// <summary>One KubeApp process standing in for one pod of a Deployment in <c>k8s/</c>.</summary>
internal static class KubeAppPodExtensions
{
    /// <summary>The environment variable KubeApp takes its version from in local runs.</summary>
    public const string VersionVariable = "KUBEAPP_VERSION";

    /// <summary>KubeApp's fraction of requests answered 500 (fault injection for demos).</summary>
    public const string FailureRateVariable = "KUBEAPP_FAILURE_RATE";

    /// <summary>KubeApp's milliseconds added to each request (fault injection for demos).</summary>
    public const string ExtraLatencyVariable = "KUBEAPP_EXTRA_LATENCY";

    /// <summary>
    /// Adds a KubeApp process listening on <paramref name="url"/> and reporting <paramref name="version"/>, failing a
    /// fraction <paramref name="failureRate"/> of its requests and delaying each by <paramref name="extraLatency"/> ms.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddKubeAppPod(
        this IDistributedApplicationBuilder builder, string name, Uri url, string version, decimal failureRate, int extraLatency) =>
        // Each pod is its own resource rather than a replica behind one Aspire proxy: the gateway must see, and
        // balance across, the individual pod addresses, as it sees EndpointSlice addresses in the cluster.
        builder.AddProject<Projects.KubeApp>(name, project => project.ExcludeLaunchProfile = true)
            .WithArgs("--urls", url.GetLeftPart(UriPartial.Authority))
            // Stable pods too: a KUBEAPP_* left in the developer's shell must not turn them into canaries, or faulty.
            .WithEnvironment(VersionVariable, version)
            .WithEnvironment(FailureRateVariable, failureRate.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment(ExtraLatencyVariable, extraLatency.ToString(CultureInfo.InvariantCulture))
            .WithDirectHttpEndpoint(EndpointNames.Http, url)
            .WithoutEndpointsInEnvironment()
            // The Deployments' readiness probe; the gateway waits for it. Fault injection leaves /health alone.
            .WithHttpHealthCheck("/health", endpointName: EndpointNames.Http);
}
