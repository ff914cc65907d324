namespace AppHost.Topology;

/// <summary>Endpoints that Aspire records but does not proxy: the process itself listens on the declared address.</summary>
internal static class DirectEndpointExtensions
{
    /// <summary>
    /// Declares that the project listens on <paramref name="url"/> itself. Aspire uses the endpoint for the dashboard
    /// link, health checks and tests, and puts no proxy in front of it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDirectHttpEndpoint(
        this IResourceBuilder<ProjectResource> resource, string name, Uri url, string scheme = "http") =>
        resource
            // A proxied endpoint would listen on a port Aspire picks and forward to the process: the gateway and
            // curl would then reach the proxy, not the pod address the topology promises.
            .WithEndpoint(port: url.Port, targetPort: url.Port, scheme: scheme, name: name, isProxied: false)
            .WithEndpoint(name, endpoint => endpoint.TargetHost = url.Host);

    /// <summary>
    /// Keeps Aspire from also writing the endpoints into <c>ASPNETCORE_URLS</c>: each process is told its address
    /// through its own documented setting, as outside Aspire, and a second source would only conflict with it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithoutEndpointsInEnvironment(this IResourceBuilder<ProjectResource> resource) =>
        resource.WithEndpointsInEnvironment(_ => false);
}
