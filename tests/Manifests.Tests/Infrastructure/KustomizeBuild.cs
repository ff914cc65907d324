using k8s;
using k8s.Models;

namespace Manifests.Tests.Infrastructure;

/// <summary>
/// What <c>kubectl kustomize</c> makes of a folder's Role once its components' patches are applied, for the subset
/// of kustomize the components here use (<see cref="RoleRulePatch"/>); anything else throws rather than being misread.
/// </summary>
public static class KustomizeBuild
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>The Role <paramref name="name"/> as the folder's kustomization builds it, with the components it lists.</summary>
    public static V1Role Role(ManifestFolder folder, string name) => Role(folder, name, folder.Kustomization.Components);

    /// <summary>The Role <paramref name="name"/> as the folder builds with <paramref name="components"/> included.</summary>
    public static V1Role Role(ManifestFolder folder, string name, IEnumerable<string> components)
    {
        // A copy: the folder's objects are cached and shared between tests.
        var role = KubernetesYaml.Deserialize<V1Role>(KubernetesYaml.Serialize(folder.Get<V1Role>(name)));
        foreach (var component in components)
        {
            foreach (var patch in folder.Component(component).Patches)
            {
                var target = patch.Target ?? throw new NotSupportedException($"{component}: a patch without a target is not supported by this check.");
                if (!Targets(target, role))
                {
                    continue;
                }

                var operations = KubernetesYaml.Deserialize<List<RoleRulePatch>>(patch.Patch ?? "", strict: true);
                foreach (var operation in operations)
                {
                    if (operation is not { Op: "add", Path: "/rules/-", Value: { } rule })
                    {
                        throw new NotSupportedException($"{component}: only 'add /rules/-' with a rule is supported by this check, got '{operation.Op} {operation.Path}'.");
                    }

                    role.Rules ??= [];
                    role.Rules.Add(rule);
                }
            }
        }

        return role;
    }

    /// <summary>Kustomize's target matching: every field given must match; no name means every resource of the kind.</summary>
    private static bool Targets(KustomizePatchTarget target, V1Role role) =>
        target.Kind == V1Role.KubeKind
        && (target.Group is null || target.Group == RbacGroup)
        && (target.Version is null || target.Version == "v1")
        && (target.Name is null || target.Name == role.Metadata.Name);
}
