namespace Gateway.Canary;

/// <summary>The <c>reason</c> tag values of <c>gateway.requests</c> (cached strings, no per-request formatting).</summary>
public static class RoutingReasonNames
{
    /// <summary>The metric tag value of a reason.</summary>
    public static string Of(RoutingReason reason) => reason switch
    {
        RoutingReason.Host => "host",
        RoutingReason.Header => "header",
        RoutingReason.Cookie => "cookie",
        RoutingReason.Sticky => "sticky",
        RoutingReason.New => "new",
        _ => "fallback",
    };
}
