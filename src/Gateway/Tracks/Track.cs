namespace Gateway.Tracks;

/// <summary>The two tracks a request can be routed to.</summary>
public enum Track
{
    /// <summary>The current version (e.g. 1.0, three pods).</summary>
    Stable,

    /// <summary>The version being rolled out (e.g. 2.0, one pod).</summary>
    Canary,
}
