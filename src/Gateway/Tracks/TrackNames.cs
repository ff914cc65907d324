namespace Gateway.Tracks;

/// <summary>Lower-case track names used on the wire, in metadata and as metric tags (cached strings, no per-request formatting).</summary>
public static class TrackNames
{
    /// <summary>"stable".</summary>
    public const string Stable = "stable";

    /// <summary>"canary".</summary>
    public const string Canary = "canary";

    /// <summary>The destination metadata key that tags each YARP destination with its track.</summary>
    public const string MetadataKey = "track";

    /// <summary>The wire name of a track.</summary>
    public static string Of(Track track) => track == Track.Canary ? Canary : Stable;

}
