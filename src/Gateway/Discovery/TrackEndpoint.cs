using Gateway.Canary;

namespace Gateway.Discovery;

/// <summary>One pod of a track as discovery sees it.</summary>
/// <param name="Track">The track the pod belongs to.</param>
/// <param name="Address">The destination URL, e.g. <c>http://127.0.0.2:8080</c>.</param>
/// <param name="Ready">Whether the pod may receive traffic (EndpointSlice <c>conditions.ready</c> true or absent).</param>
public sealed record TrackEndpoint(Track Track, Uri Address, bool Ready)
{
    /// <summary>
    /// Stable destination id, <c>&lt;track&gt;/&lt;ip&gt;:&lt;port&gt;</c>: the same pod keeps the same id across updates,
    /// so YARP keeps its health and connection state.
    /// </summary>
    public string Id { get; } = $"{TrackNames.Of(Track)}/{Address.Authority}";
}
