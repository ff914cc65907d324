namespace LoadTests.Rollouts;

/// <summary><c>--expect</c>: how the rollout must end for the run to pass.</summary>
internal enum ExpectedOutcome
{
    /// <summary><c>promoted</c>: final phase Promoted, or Succeeded (promotion by Deployment goes on to it).</summary>
    Promoted,

    /// <summary><c>rolled-back</c>: final phase RolledBack.</summary>
    RolledBack,
}
