using System.Reflection;
using k8s.Models;

namespace FakeKubeApi;

/// <summary>The resource types the fake serves: what the gateway's discovery and rollout coordination use, nothing more.</summary>
internal static class KubeResources
{
    public static readonly KubeResource EndpointSlices = new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", false, false,
        ",\"addressType\":\"\",\"endpoints\":null");

    public static readonly KubeResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", false, false, "");

    public static readonly KubeResource Leases = new("coordination.k8s.io", "v1", "leases", "Lease", false, false, ",\"spec\":{}");

    public static readonly KubeResource Deployments = new("apps", "v1", "deployments", "Deployment", true, true,
        ",\"spec\":{\"selector\":null,\"template\":{\"metadata\":{\"creationTimestamp\":null},\"spec\":{\"containers\":null}},\"strategy\":{}},\"status\":{}");

    public static readonly KubeResource Events = new("events.k8s.io", "v1", "events", "Event", false, false,
        ",\"eventTime\":null,\"regarding\":{},\"deprecatedSource\":{},\"deprecatedFirstTimestamp\":null,\"deprecatedLastTimestamp\":null");

    public static IReadOnlyList<KubeResource> All { get; } = [EndpointSlices, ConfigMaps, Leases, Deployments, Events];

    /// <summary>The type served at <c>group/version/plural</c>, or null.</summary>
    public static KubeResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>The type of an object with this apiVersion and kind, or null.</summary>
    public static KubeResource? FindKind(string? apiVersion, string? kind) =>
        All.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    /// <summary>The type a KubernetesClient model class stands for (its <see cref="KubernetesEntityAttribute"/>).</summary>
    public static KubeResource For(Type type)
    {
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>();
        return (entity is null ? null : Find(entity.Group ?? "", entity.ApiVersion, entity.PluralName))
            ?? throw new ArgumentException($"FakeKubeApiServer does not serve {type.Name}; it serves {string.Join(", ", All.Select(r => r.Kind))}.", nameof(type));
    }
}
