namespace LoadTests.Statistics;

/// <summary>What a group of users must see.</summary>
internal enum Expectation
{
    /// <summary>The weighted split: any version, but one per user.</summary>
    Split,

    /// <summary>Forced or pinned to canary: only the canary version.</summary>
    Canary,

    /// <summary>Forced or pinned to stable: never the canary version.</summary>
    Stable,
}
