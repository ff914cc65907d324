namespace Gateway.Management;

/// <summary>The management API's settings (<c>Gateway:Management</c>).</summary>
public sealed class ManagementOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Management";

    /// <summary>
    /// Bearer token required for mutating management calls (rollouts). Without one, mutating calls answer 403.
    /// Kubernetes: Secret <c>canary-gateway-management</c>, key <c>token</c>.
    /// </summary>
    public string? Token { get; set; }
}
