namespace Manifests.Tests.Rbac;

/// <summary>
/// The Kubernetes API calls the gateway may make, written once as the RBAC rules that allow exactly them (DESIGN.md
/// "Kubernetes discovery" and "Across gateway replicas"). tests/Manifests.Tests holds k8s/gateway's Role to this
/// table, one verb more or less fails; tests/Gateway.Tests can hold the calls the gateway really makes against the
/// fake API server to it too. This file depends on nothing but the base library, so that project compiles it in with
/// <c>&lt;Compile Include="../Manifests.Tests/Rbac/GatewayApiCalls.cs" Link="Rbac/GatewayApiCalls.cs" /&gt;</c>
/// (<see cref="Rule"/> is nested for that reason: one linked file carries the whole table).
/// </summary>
public static class GatewayApiCalls
{
    /// <summary>The rollout's Lease and its state ConfigMap share this name; the gateway creates both.</summary>
    public const string RolloutObjectName = "canary-gateway-rollout";

    /// <summary>The stable track's Deployment (<c>Gateway:Tracks:Stable:Deployment</c>), which promotion patches.</summary>
    public const string StableDeployment = "kubeapp-production";

    /// <summary>The canary track's Deployment (<c>Gateway:Tracks:Canary:Deployment</c>), which Events are about.</summary>
    public const string CanaryDeployment = "kubeapp-canary";

    /// <summary>What the gateway needs in every configuration (rollouts on or off, promotion <c>Manual</c>).</summary>
    public static IReadOnlyList<Rule> Always { get; } =
    [
        // Track and peer discovery; EndpointSlice names are generated, the gateway selects them by label.
        new("discovery.k8s.io", "endpointslices", ["get", "list", "watch"]),

        // The rollout state; list and watch name it through the field selector metadata.name.
        new("", "configmaps", ["get", "list", "watch", "update"], [RolloutObjectName]),

        // A create is authorized before the object exists: it can never be limited by name.
        new("", "configmaps", ["create"]),
        new("coordination.k8s.io", "leases", ["get", "update"], [RolloutObjectName]),
        new("coordination.k8s.io", "leases", ["create"]),
        new("apps", "deployments", ["get"], [StableDeployment, CanaryDeployment]),
        new("events.k8s.io", "events", ["create"]),
    ];

    /// <summary>The one rule <c>Promotion: Deployment</c> adds: copying the canary's pod template to stable.</summary>
    public static Rule PatchStable { get; } = new("apps", "deployments", ["patch"], [StableDeployment]);

    /// <summary>The rule <c>ScaleDownCanary</c> adds: setting the canary's replicas to 0 after a Deployment promotion.</summary>
    public static Rule PatchCanary { get; } = new("apps", "deployments", ["patch"], [CanaryDeployment]);

    /// <summary>The whole table for one setting of <c>Gateway:Rollout:Promotion</c> (and <c>ScaleDownCanary</c>).</summary>
    public static IReadOnlyList<Rule> Rules(bool deploymentPromotion, bool scaleDownCanary = false) =>
        [.. Always, .. deploymentPromotion ? [PatchStable] : Array.Empty<Rule>(), .. scaleDownCanary ? [PatchCanary] : Array.Empty<Rule>()];

    /// <summary>True when one of <paramref name="rules"/> allows the request (see <see cref="Rule.Allows"/>).</summary>
    public static bool Allows(IEnumerable<Rule> rules, string apiGroup, string resource, string verb, string? name) =>
        rules.Any(r => r.Allows(apiGroup, resource, verb, name));

    /// <summary>
    /// Every single permission the rules grant, as <c>group/resource verb name</c> (name <c>*</c>: any), ordered; two
    /// rule lists grant the same exactly when these are equal, however the rules are split or ordered.
    /// </summary>
    public static IReadOnlyList<string> Grants(IEnumerable<Rule> rules) =>
    [
        .. rules
            .SelectMany(r => r.Verbs.SelectMany(v => (r.ResourceNames is { Count: > 0 } names ? names : ["*"]).Select(n => Grant(r.ApiGroup, r.Resource, v, n))))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>One permission, formatted as <see cref="Grants"/> lists it (the core group is empty: <c>/configmaps</c>).</summary>
    public static string Grant(string apiGroup, string resource, string verb, string name) => $"{apiGroup}/{resource} {verb} {name}";

    /// <summary>One RBAC policy rule with a single API group and resource, as k8s/gateway writes them.</summary>
    /// <param name="ApiGroup">The API group; <c>""</c> for the core group.</param>
    /// <param name="Resource">The resource (plural, lower case).</param>
    /// <param name="Verbs">The verbs allowed.</param>
    /// <param name="ResourceNames">The only object names the verbs apply to; null or empty: any name.</param>
    public sealed record Rule(string ApiGroup, string Resource, IReadOnlyList<string> Verbs, IReadOnlyList<string>? ResourceNames = null)
    {
        /// <summary>
        /// Whether the API server's RBAC authorizer lets this rule allow a request. <paramref name="name"/> is the
        /// name the server authorizes: the one in the path for get, update and patch; the field selector
        /// <c>metadata.name=…</c> of a list or watch; null for a create (the name is in the body, which authorization
        /// never reads) and for a list or watch without that selector. A rule with resource names allows only
        /// requests that carry one of them.
        /// </summary>
        public bool Allows(string apiGroup, string resource, string verb, string? name) =>
            string.Equals(ApiGroup, apiGroup, StringComparison.Ordinal)
            && string.Equals(Resource, resource, StringComparison.Ordinal)
            && Verbs.Contains(verb, StringComparer.Ordinal)
            && (ResourceNames is not { Count: > 0 } names || (name is not null && names.Contains(name, StringComparer.Ordinal)));
    }
}
