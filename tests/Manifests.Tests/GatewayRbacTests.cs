using k8s.Models;
using Manifests.Tests.Infrastructure;

namespace Manifests.Tests;

/// <summary>k8s/gateway: the gateway may read EndpointSlices in its namespace and nothing else (DESIGN.md).</summary>
public sealed class GatewayRbacTests
{
    private readonly GatewayManifests _gateway = new();

    [Fact]
    public void Role_Rules_GrantOnlyGetListWatchOnEndpointSlices()
    {
        var role = _gateway.Folder.Get<V1Role>("canary-gateway");

        var rule = Assert.Single(role.Rules);

        Assert.Equal(["discovery.k8s.io"], rule.ApiGroups);
        Assert.Equal(["endpointslices"], rule.Resources);
        Assert.Equal(["get", "list", "watch"], rule.Verbs.Order(StringComparer.Ordinal));
        Assert.Null(rule.ResourceNames);
        Assert.Null(rule.NonResourceURLs);
    }

    [Fact]
    public void Rbac_Folder_GrantsNothingBesidesTheGatewayRole()
    {
        Assert.Equal(["canary-gateway"], _gateway.Folder.OfType<V1Role>().Select(r => r.Metadata.Name));
        Assert.Equal(["canary-gateway"], _gateway.Folder.OfType<V1RoleBinding>().Select(r => r.Metadata.Name));
    }

    [Fact]
    public void RoleBinding_Subjects_BindTheRoleToTheServiceAccountTheGatewayRunsAs()
    {
        var binding = _gateway.Folder.Get<V1RoleBinding>("canary-gateway");

        var subject = Assert.Single(binding.Subjects);

        Assert.Equal(("Role", "canary-gateway"), (binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(("ServiceAccount", _gateway.Pod.ServiceAccountName, "production"), (subject.Kind, subject.Name, subject.NamespaceProperty));
        Assert.NotEqual(false, _gateway.Pod.AutomountServiceAccountToken);
    }
}
