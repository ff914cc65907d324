using Gateway.Configuration;
using k8s;
using k8s.Exceptions;

namespace Gateway.Discovery.Kubernetes;

/// <summary>Creates the API client: in-cluster config inside a pod, else <c>Gateway:Kubernetes:Kubeconfig</c>, KUBECONFIG or ~/.kube/config.</summary>
internal static class KubernetesClientFactory
{
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <exception cref="GatewayConfigurationException">No usable configuration was found.</exception>
    public static (IKubernetes Client, string Namespace) Create(KubernetesOptions options)
    {
        KubernetesClientConfiguration config;
        var inCluster = string.IsNullOrEmpty(options.Kubeconfig) && KubernetesClientConfiguration.IsInCluster();
        try
        {
            config = inCluster
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath(options));
        }
        catch (Exception ex) when (ex is KubeConfigException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            var source = string.IsNullOrEmpty(options.Kubeconfig) ? "Gateway:Kubernetes:Kubeconfig (unset; tried KUBECONFIG and ~/.kube/config)" : $"Gateway:Kubernetes:Kubeconfig '{options.Kubeconfig}'";
            throw new GatewayConfigurationException($"{source}: cannot load a Kubernetes client configuration: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }

        var @namespace = !string.IsNullOrWhiteSpace(options.Namespace) ? options.Namespace
            : inCluster && File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim()
            : "default";
        return (new k8s.Kubernetes(config), @namespace);
    }

    private static string KubeconfigPath(KubernetesOptions options)
    {
        if (!string.IsNullOrEmpty(options.Kubeconfig))
        {
            if (!File.Exists(options.Kubeconfig))
            {
                throw new GatewayConfigurationException($"Gateway:Kubernetes:Kubeconfig '{options.Kubeconfig}' does not exist.");
            }

            return options.Kubeconfig;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            // KUBECONFIG may list several files; the first one is used.
            return fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0];
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }
}
