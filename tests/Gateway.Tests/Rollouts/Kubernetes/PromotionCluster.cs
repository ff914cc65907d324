using FakeKubeApi;
using Gateway.Tests.Infrastructure;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>
/// The fake API server with the two Deployments of the manifests, a real KubernetesClient talking to it, and the logs
/// of whatever the test builds on them.
/// </summary>
internal sealed class PromotionCluster : IAsyncDisposable
{
    public const string Namespace = "production";
    public const string StableName = "kubeapp-production";
    public const string CanaryName = "kubeapp-canary";

    private readonly ILoggerFactory _loggers;

    private PromotionCluster(FakeKubeApiServer api)
    {
        Api = api;
        Client = new k8s.Kubernetes(api.CreateClientConfiguration(Namespace));
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    public FakeKubeApiServer Api { get; }

    public IKubernetes Client { get; }

    public LogCapture Logs { get; } = new();

    public static async Task<PromotionCluster> StartAsync(FakeKubeApiOptions? options = null) => new(await FakeKubeApiServer.StartAsync(options));

    public ILogger<T> Logger<T>() => _loggers.CreateLogger<T>();

    /// <summary>
    /// A Deployment as <c>kubectl apply</c> of the manifests leaves it: labels and selector <c>app=&lt;name&gt;</c>, one
    /// "app" container with <paramref name="image"/>, a port and <paramref name="env"/>, <paramref name="replicas"/>.
    /// </summary>
    public static V1Deployment Deployment(string name, string image, int replicas = 3, (string Name, string Value)[]? env = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name, ["track"] = name == CanaryName ? "canary" : "stable" } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "app",
                            Image = image,
                            Env = [.. (env ?? []).Select(e => new V1EnvVar { Name = e.Name, Value = e.Value })],
                            Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }],
                        },
                    ],
                },
            },
        },
    };

    /// <summary>Stores <paramref name="deployment"/> and plays the Deployment controller having rolled it out.</summary>
    public V1Deployment RolledOut(V1Deployment deployment)
    {
        Api.Upsert(deployment);
        return Api.CompleteDeploymentRollout(Namespace, deployment.Metadata.Name);
    }

    public V1Deployment Get(string name) => Api.Get<V1Deployment>(Namespace, name) ?? throw new InvalidOperationException($"No Deployment {name}.");

    /// <summary>The PATCH requests that reached the server for Deployment <paramref name="name"/>, whatever the answer.</summary>
    public IReadOnlyList<KubeApiRequest> Patches(string name) =>
        [.. Api.Requests.All.Where(r => r.Verb == KubeApiVerb.Patch && r.Resource == "deployments" && r.Name == name)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _loggers.Dispose();
        await Api.DisposeAsync();
    }
}
