using Gateway.Rollouts;

namespace Gateway.Management;

/// <summary>
/// <c>/status</c>'s view of the rollout (null while rollouts are disabled): where it is, and who runs it — this replica
/// (<paramref name="Self"/>) and the elected <paramref name="Leader"/> (null while none is known).
/// </summary>
public sealed record RolloutReport(RolloutPhase Phase, int? Step, string Self, string? Leader, bool StateSynced);
