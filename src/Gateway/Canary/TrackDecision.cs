namespace Gateway.Canary;

/// <summary>The outcome of the routing rules for one request.</summary>
/// <param name="Track">The chosen track.</param>
/// <param name="Reason">The rule that decided.</param>
/// <param name="NewBucket">A freshly drawn bucket to send in Set-Cookie, or -1 when the request keeps its own (or needs none).</param>
/// <param name="Pinned">True when the host pins the track: no fallback to the other track.</param>
internal readonly record struct TrackDecision(Track Track, RoutingReason Reason, int NewBucket = -1, bool Pinned = false);
