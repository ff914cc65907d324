namespace LoadTests.Statistics;

/// <summary>What one answer changed in a user's <see cref="UserObservation"/>.</summary>
internal enum VersionChange
{
    /// <summary>Nothing new (same version, or no version).</summary>
    None,

    /// <summary>The user's first version: the user is now counted on it.</summary>
    First,

    /// <summary>A second version: the user just became a stickiness violation.</summary>
    BecameViolation,
}
