namespace Gateway.Management;

/// <summary>One endpoint as discovery and passive health see it.</summary>
public sealed record EndpointReport(string Id, string Address, bool Ready, bool Healthy);
