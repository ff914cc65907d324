namespace Manifests.Tests.Infrastructure;

/// <summary>
/// A kustomization.yaml as far as these folders use it. Loaded strictly, so a field not declared here (say
/// <c>commonLabels</c> or <c>namespace</c>, which rewrite selectors or namespaces) fails the load instead of silently
/// making the checks on the raw files wrong.
/// </summary>
public sealed class Kustomization
{
    /// <summary>The type map key for <see cref="k8s.KubernetesYaml"/>.</summary>
    public const string TypeKey = "kustomize.config.k8s.io/v1beta1/Kustomization";

    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public List<string> Resources { get; set; } = [];

    /// <summary>Folders of optional parts (<see cref="KustomizeComponent"/>) this build includes.</summary>
    public List<string> Components { get; set; } = [];
}
