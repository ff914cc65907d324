namespace Gateway.Tracks;

/// <summary>One pod of a track as discovery sees it.</summary>
/// <param name="Track">The track the pod belongs to.</param>
/// <param name="Address">The destination URL, e.g. <c>http://127.0.0.2:8080</c>.</param>
/// <param name="Ready">Whether the pod may receive traffic (EndpointSlice <c>conditions.ready</c> true or absent).</param>
/// <param name="Pod">
/// The pod behind the address (EndpointSlice <c>targetRef</c>), so that a pod with several addresses counts once;
/// null when the source does not say (static destinations, slices written by hand): then the address stands for it.
/// </param>
/// <param name="ReplicaSet">
/// The ReplicaSet that made the pod (its name without the last <c>-suffix</c>), null when unknown; see <see cref="Revision"/>.
/// </param>
public sealed record TrackEndpoint(Track Track, Uri Address, bool Ready, string? Pod = null, string? ReplicaSet = null)
{
    /// <summary>
    /// What identifies the version this endpoint runs, for rollouts: its ReplicaSet, else (static destinations, slices
    /// written by hand) its address such as <c>http://127.0.0.3:8080</c>.
    /// </summary>
    public string Revision => ReplicaSet ?? Address.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Stable destination id, <c>&lt;track&gt;/&lt;ip&gt;:&lt;port&gt;</c>: the same pod keeps the same id across updates,
    /// so YARP keeps its health and connection state.
    /// </summary>
    public string Id { get; } = $"{TrackNames.Of(Track)}/{Address.Authority}";
}
