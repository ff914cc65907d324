namespace Manifests.Tests.Infrastructure;

/// <summary>
/// A kustomize Component (<c>kind: Component</c>): an optional part a kustomization includes by listing its folder
/// under <c>components</c>. Loaded strictly like <see cref="Kustomization"/>: only patches are declared, so a component
/// that brought resources of its own would fail the load instead of escaping the checks.
/// </summary>
public sealed class KustomizeComponent
{
    /// <summary>The type map key for <see cref="k8s.KubernetesYaml"/>.</summary>
    public const string TypeKey = "kustomize.config.k8s.io/v1alpha1/Component";

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public List<KustomizePatch> Patches { get; set; } = [];
}
