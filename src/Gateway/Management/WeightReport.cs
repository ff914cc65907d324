namespace Gateway.Management;

/// <summary>The effective canary weight and where it came from.</summary>
public sealed record WeightReport(double Effective, double? Configured, string Source);
