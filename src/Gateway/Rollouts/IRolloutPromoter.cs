namespace Gateway.Rollouts;

/// <summary>
/// Promotion <c>Deployment</c>: makes the stable Deployment run the canary's pod template. The leader calls it again on
/// every tick while the phase is <c>Promoted</c> (a new leader too), so each call must be idempotent.
/// </summary>
internal interface IRolloutPromoter
{
    /// <summary>
    /// Patches stable when it does not run the canary's <c>spec.template.spec</c> yet, then reports whether stable has
    /// rolled out. Never throws for API errors: they come back as <see cref="PromotionStatus.Failed"/> with the reason.
    /// </summary>
    Task<PromotionProgress> AdvanceAsync(CancellationToken cancellationToken);

    /// <summary>Sets the canary Deployment's replicas to 0 (<c>ScaleDownCanary</c>); the reason when it failed, else null.</summary>
    Task<string?> ScaleDownCanaryAsync(CancellationToken cancellationToken);
}
