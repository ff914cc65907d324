using Yarp.ReverseProxy.Model;

namespace Gateway.Tracks;

/// <summary>
/// The track tag on YARP destinations: written into <c>Metadata</c> when the proxy configuration is built, read by
/// the pipeline steps. One shared metadata dictionary per track, so destinations compare equal across updates.
/// </summary>
public static class DestinationTrack
{
    private static readonly IReadOnlyDictionary<string, string> StableMetadata = new Dictionary<string, string> { [TrackNames.MetadataKey] = TrackNames.Stable };
    private static readonly IReadOnlyDictionary<string, string> CanaryMetadata = new Dictionary<string, string> { [TrackNames.MetadataKey] = TrackNames.Canary };

    /// <summary>The metadata that tags a destination with <paramref name="track"/>.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(Track track) => track == Track.Canary ? CanaryMetadata : StableMetadata;

    /// <summary>The track a destination was tagged with in its metadata (untagged: stable).</summary>
    public static Track Of(DestinationState destination) =>
        destination.Model.Config.Metadata is { } metadata && metadata.TryGetValue(TrackNames.MetadataKey, out var track)
        && string.Equals(track, TrackNames.Canary, StringComparison.Ordinal)
            ? Track.Canary
            : Track.Stable;
}
