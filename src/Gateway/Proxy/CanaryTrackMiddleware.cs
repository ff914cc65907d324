using System.Diagnostics;
using Gateway.Canary;
using Gateway.Rollouts;
using Gateway.Telemetry;
using Gateway.Tracks;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>
/// The canary step of the YARP pipeline: decides the request's track and narrows
/// <see cref="IReverseProxyFeature.AvailableDestinations"/> to that track's endpoints, before session affinity and
/// load balancing pick one (the pattern of YARP's LoadBalancingMiddleware).
/// </summary>
internal sealed class CanaryTrackMiddleware(
    RequestDelegate next,
    CanaryRulesProvider rules,
    IBucketGenerator buckets,
    TrackDestinations destinations,
    GatewayMetrics metrics,
    RequestStatistics statistics,
    TrafficRecorder traffic)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var current = rules.Current;
        var decision = TrackSelector.Decide(context.Request, current, buckets);

        var feature = context.GetReverseProxyFeature();
        var available = feature.AvailableDestinations;
        var chosen = destinations.For(available, decision.Track);
        var canaryUnhealthy = false;
        if (chosen.Count == 0 && decision.Track == Track.Canary && !decision.Pinned)
        {
            // Ready canary endpoints that passive health took out failed this user, though stable serves them: the
            // rollout counts it against the canary, else a canary refusing every connection is only ever "waited" on.
            canaryUnhealthy = traffic.Enabled && HasCanary(feature.AllDestinations);

            // Unpinned users keep their bucket and return to canary once it has ready endpoints again.
            decision = decision with { Track = Track.Stable, Reason = RoutingReason.Fallback };
            chosen = destinations.For(available, Track.Stable);
        }

        var response = context.Response;
        if (decision.CookieBucket >= 0)
        {
            // Returning users get their own bucket again with a full Max-Age: browsers cannot be asked when a cookie
            // expires, and one that lapsed mid-rollout would reshuffle an active user (issue #11).
            response.Headers.Append(HeaderNames.SetCookie, current.StickyCookieHeaders.For(decision.CookieBucket, context.Request.IsHttps));
        }

        if (current.TrackHeader is { } trackHeader)
        {
            response.Headers[trackHeader] = TrackNames.Of(decision.Track);
        }

        try
        {
            if (chosen.Count == 0)
            {
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(decision.Track == Track.Canary ? "No ready canary endpoints.\n" : "No ready stable endpoints.\n", context.RequestAborted);
                return;
            }

            feature.AvailableDestinations = chosen;
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.RequestCompleted(decision.Track, decision.Reason, response.StatusCode, elapsed);
            statistics.Record(decision.Track, response.StatusCode, elapsed);
            if (traffic.Enabled)
            {
                // A transport failure after the response started keeps its status; the forwarder's error marks it.
                var failed = response.StatusCode >= 500 || context.Features.Get<IForwarderErrorFeature>() is not null;
                traffic.Record(canaryUnhealthy ? Track.Canary : decision.Track, failed || canaryUnhealthy ? StatusCodes.Status502BadGateway : response.StatusCode, elapsed);
            }
        }
    }

    private static bool HasCanary(IReadOnlyList<DestinationState> destinations)
    {
        foreach (var destination in destinations)
        {
            if (DestinationTrack.Of(destination) == Track.Canary)
            {
                return true;
            }
        }

        return false;
    }
}
