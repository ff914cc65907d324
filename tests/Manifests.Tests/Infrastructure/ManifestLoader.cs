using k8s;
using k8s.Models;

namespace Manifests.Tests.Infrastructure;

/// <summary>Loads manifests with KubernetesClient's YAML loader, strictly, into the kinds these checks understand.</summary>
public static class ManifestLoader
{
    /// <summary>
    /// The kinds the folders may contain, by <c>apiVersion/kind</c>. The loader knows every built-in kind; anything
    /// outside this map (a removed API such as extensions/v1beta1, a ClusterRole, a kind no test cross-checks yet)
    /// fails <see cref="Load"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> TypeMap = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["v1/Namespace"] = typeof(V1Namespace),
        ["v1/Service"] = typeof(V1Service),
        ["v1/ServiceAccount"] = typeof(V1ServiceAccount),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["networking.k8s.io/v1/Ingress"] = typeof(V1Ingress),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
        // Loaded so that a Lease in a folder meets GatewayRbacTests' reason why none may be there, not an unknown kind.
        ["coordination.k8s.io/v1/Lease"] = typeof(V1Lease),
        [Kustomization.TypeKey] = typeof(Kustomization),
        [KustomizeComponent.TypeKey] = typeof(KustomizeComponent),
    };

    /// <summary>
    /// Every document of <paramref name="yaml"/> as a typed object. Throws <see cref="InvalidDataException"/> naming
    /// <paramref name="source"/> for YAML errors, unknown or unsupported kinds, unknown fields and duplicate keys.
    /// </summary>
    public static IReadOnlyList<object> Load(string yaml, string source)
    {
        List<object> documents;
        try
        {
            // Strict: an unknown field (a typo such as "readinesProbe") is an error, as `kubectl apply` reports it.
            documents = KubernetesYaml.LoadAllFromString(yaml, new Dictionary<string, Type>(TypeMap), strict: true);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source}: {Describe(ex)}", ex);
        }

        if (documents.Count == 0)
        {
            throw new InvalidDataException($"{source}: no YAML documents.");
        }

        foreach (var document in documents)
        {
            if (document is null || !TypeMap.Values.Contains(document.GetType()))
            {
                throw new InvalidDataException($"{source}: unsupported kind {document?.GetType().Name ?? "(empty document)"}.");
            }
        }

        return documents;
    }

    /// <summary>Loads a file (see <see cref="Load"/>).</summary>
    public static IReadOnlyList<object> LoadFile(string path, string source) => Load(File.ReadAllText(path), source);

    private static string Describe(Exception ex) => ex switch
    {
        KeyNotFoundException => "unknown apiVersion/kind (or none): " + ex.Message,
        YamlDotNet.Core.YamlException yaml when yaml.InnerException is not null => $"{yaml.Message} {yaml.InnerException.Message}",
        _ => ex.Message,
    };
}
