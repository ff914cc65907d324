using k8s;
using Microsoft.Extensions.Options;

namespace Gateway.Discovery.Kubernetes;

/// <summary>
/// The one Kubernetes API client of the process and its namespace, shared by discovery and rollouts (one connection
/// pool, one configuration). Created on first use, so that a bad kubeconfig fails the startup of whoever needs it first.
/// </summary>
internal sealed class KubernetesConnection : IDisposable
{
    private readonly Lazy<(IKubernetes Client, string Namespace)> _connection;

    public KubernetesConnection(IOptions<DiscoveryOptions> options)
    {
        var settings = options.Value.Kubernetes;
        _connection = new(() => KubernetesClientFactory.Create(settings), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <exception cref="Configuration.GatewayConfigurationException">No usable client configuration.</exception>
    public IKubernetes Client => _connection.Value.Client;

    /// <summary>The namespace of the Services, the rollout's ConfigMap and Lease, and the Deployments.</summary>
    public string Namespace => _connection.Value.Namespace;

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Client.Dispose();
        }
    }
}
