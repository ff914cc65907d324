namespace Manifests.Tests.Infrastructure;

/// <summary>
/// The health endpoints each image serves, by container port (DESIGN.md): KubeApp answers <c>/health</c> on 8080;
/// the gateway serves <c>/healthz</c> and <c>/readyz</c> on its management port 9090 only (on the public port they
/// would be proxied to the app). DockerfileGatewayBuildTests probes the published gateway for real.
/// </summary>
public static class AppEndpoints
{
    private static readonly Dictionary<string, Dictionary<int, string[]>> HealthPaths = new(StringComparer.Ordinal)
    {
        ["kubeapp"] = new() { [8080] = ["/health"] },
        ["canary-gateway"] = new() { [9090] = ["/healthz", "/readyz"] },
    };

    /// <summary>True when the image <paramref name="repository"/> serves <paramref name="path"/> on <paramref name="port"/>.</summary>
    public static bool Serves(string repository, int port, string? path) =>
        HealthPaths.TryGetValue(repository, out var ports) && ports.TryGetValue(port, out var paths) && paths.Contains(path, StringComparer.Ordinal);
}
