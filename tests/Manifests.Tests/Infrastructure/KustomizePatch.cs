namespace Manifests.Tests.Infrastructure;

/// <summary>One entry of a kustomization's <c>patches</c>: an inline patch and the resources it applies to.</summary>
public sealed class KustomizePatch
{
    public KustomizePatchTarget? Target { get; set; }

    /// <summary>The patch text: here always a JSON 6902 operation list (<see cref="RoleRulePatch"/>).</summary>
    public string? Patch { get; set; }
}
