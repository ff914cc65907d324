namespace Gateway.Rollouts;

/// <summary>Where a Deployment promotion stands, and why, in one line.</summary>
internal sealed record PromotionProgress(PromotionStatus Status, string Reason);
