namespace Gateway.Management;

/// <summary>The watch of one Service (Kubernetes mode).</summary>
public sealed record ServiceReport(string Track, string Service, bool Synced, string? ResourceVersion, DateTimeOffset? LastEvent, int Reconnects, int Relists, string? LastError);
