namespace Gateway.Canary;

/// <summary>What a force header or cookie asked for.</summary>
internal enum ForceValue
{
    /// <summary>Absent, another value, or contradictory duplicates: the rule does not apply.</summary>
    None,

    /// <summary><c>always</c>: canary.</summary>
    Always,

    /// <summary><c>never</c>: stable.</summary>
    Never,
}
