namespace Gateway.Canary;

/// <summary>
/// How requests are split between the stable and canary tracks (<c>Gateway:Canary</c>).
/// Changes in a reloaded configuration apply to new requests without a restart.
/// </summary>
public sealed class CanaryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Canary";

    /// <summary>
    /// Percentage of users (0–100, two decimals honoured) sent to the canary. Omitted: proportional to ready
    /// endpoints, canary / (stable + canary), as a plain Kubernetes Service would split.
    /// </summary>
    public double? Weight { get; set; }

    /// <summary>Request header that forces a track with <c>always</c> / <c>never</c>. Default <c>X-Canary</c>; empty disables it.</summary>
    public string Header { get; set; } = "X-Canary";

    /// <summary>Cookie that forces a track with <c>always</c> / <c>never</c>. Default <c>canary</c>; empty disables it.</summary>
    public string Cookie { get; set; } = "canary";

    /// <summary>Cookie holding the user's sticky bucket (0–9999). Default <c>canary-bucket</c>.</summary>
    public string StickyCookie { get; set; } = "canary-bucket";

    /// <summary>Max-Age of the sticky bucket cookie. Default 7 days.</summary>
    public TimeSpan StickyMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Response header naming the track that served the request. Default <c>X-Canary-Track</c>; empty disables it.</summary>
    public string TrackHeader { get; set; } = "X-Canary-Track";

    /// <summary>Whether the header and cookie may force a track (rules 2 and 3). Default true.</summary>
    public bool AllowForcing { get; set; } = true;
}
