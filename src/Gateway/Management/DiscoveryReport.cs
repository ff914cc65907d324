namespace Gateway.Management;

/// <summary>Discovery state; <see cref="Services"/> is empty in Static mode.</summary>
public sealed record DiscoveryReport(string Mode, bool Synced, string? Namespace, IReadOnlyList<ServiceReport> Services);
