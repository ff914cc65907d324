using Gateway.Canary;
using Gateway.Tracks;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Makes <c>X-Canary-Track</c> authoritative: YARP appends the backend's response headers to those the canary step
/// set, so a backend sending its own <c>X-Canary-Track</c> would otherwise produce two values. Runs after the copy.
/// </summary>
internal static class TrackHeaderTransform
{
    public static ValueTask Apply(ResponseTransformContext context, CanaryRulesProvider rules)
    {
        if (rules.Current.TrackHeader is { } header && context.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } destination)
        {
            context.HttpContext.Response.Headers[header] = TrackNames.Of(DestinationTrack.Of(destination));
        }

        return ValueTask.CompletedTask;
    }
}
