using Gateway.Tracks;
using Microsoft.AspNetCore.Http;

namespace Gateway.Canary;

/// <summary>The routing decision (DESIGN.md "Tracks and the routing decision"): the first rule that applies decides.</summary>
internal static class TrackSelector
{
    public static TrackDecision Decide(HttpRequest request, CanaryRules rules, IBucketGenerator buckets)
    {
        var headers = request.Headers;

        // 1. Pinned host.
        if (rules.CanaryHosts.Length + rules.StableHosts.Length > 0)
        {
            var hostHeader = headers.Host;
            if (hostHeader.Count == 1)
            {
                var host = HostMatcher.Normalise(hostHeader[0]);
                if (HostMatcher.IsOneOf(host, rules.CanaryHosts))
                {
                    return new TrackDecision(Track.Canary, RoutingReason.Host, Pinned: true);
                }

                if (HostMatcher.IsOneOf(host, rules.StableHosts))
                {
                    return new TrackDecision(Track.Stable, RoutingReason.Host, Pinned: true);
                }
            }
        }

        // 2. Force header. Repeated headers are ignored unless they agree (a single value is the normal case).
        if (rules.ForceHeader is not null)
        {
            var values = headers[rules.ForceHeader];
            var force = ForceValue.None;
            for (var i = 0; i < values.Count; i++)
            {
                var parsed = RequestCookies.ParseForce(values[i]);
                force = i > 0 && parsed != force ? ForceValue.None : parsed;
                if (force == ForceValue.None)
                {
                    break;
                }
            }

            if (force != ForceValue.None)
            {
                return new TrackDecision(force == ForceValue.Always ? Track.Canary : Track.Stable, RoutingReason.Header);
            }
        }

        // 3. Force cookie, and 4. sticky bucket, read in one pass over the Cookie header.
        var (forceCookie, bucket) = RequestCookies.Read(headers.Cookie, rules.ForceCookie, rules.StickyCookie);
        if (forceCookie != ForceValue.None)
        {
            return new TrackDecision(forceCookie == ForceValue.Always ? Track.Canary : Track.Stable, RoutingReason.Cookie);
        }

        // Only a request whose bucket decides gets it back (refreshed). A forced or pinned request leaves the cookie
        // alone: the bucket played no part, rule 2 and pinned hosts do not even read it, and a pinned host's cookie
        // is its own (no Domain attribute) and never decides anything there.
        if (bucket != RequestCookies.NoBucket)
        {
            return new TrackDecision(rules.TrackOf(bucket), RoutingReason.Sticky, CookieBucket: bucket);
        }

        var fresh = buckets.NextBucket();
        return new TrackDecision(rules.TrackOf(fresh), RoutingReason.New, CookieBucket: fresh);
    }
}
