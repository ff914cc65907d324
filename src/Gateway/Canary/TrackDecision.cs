using Gateway.Tracks;

namespace Gateway.Canary;

/// <summary>The outcome of the routing rules for one request.</summary>
/// <param name="Track">The chosen track.</param>
/// <param name="Reason">The rule that decided.</param>
/// <param name="CookieBucket">
/// The bucket to send in Set-Cookie, or -1 for none: a freshly drawn bucket for a new user, or the request's own bucket
/// when it decided the track, re-sent to restart the cookie's Max-Age. Kept when the request falls back to stable.
/// </param>
/// <param name="Pinned">True when the host pins the track: no fallback to the other track.</param>
internal readonly record struct TrackDecision(Track Track, RoutingReason Reason, int CookieBucket = -1, bool Pinned = false);
