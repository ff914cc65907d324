namespace Gateway.Rollouts;

/// <summary>Outcome of one <see cref="IRolloutPromoter.AdvanceAsync"/>.</summary>
internal enum PromotionStatus
{
    /// <summary>Stable is patched and rolling out (or about to): call again later.</summary>
    Waiting,

    /// <summary>Stable runs the canary's template, every replica updated and available.</summary>
    Done,

    /// <summary>The patch or a read failed (RBAC, conflict, missing Deployment): the reason says which; retried later.</summary>
    Failed,
}
