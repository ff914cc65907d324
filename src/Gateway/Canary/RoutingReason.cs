namespace Gateway.Canary;

/// <summary>Which rule decided a request's track; the <c>reason</c> tag of <c>gateway.requests</c>.</summary>
public enum RoutingReason
{
    /// <summary>Rule 1: the Host is pinned to a track.</summary>
    Host,

    /// <summary>Rule 2: the force header said always/never.</summary>
    Header,

    /// <summary>Rule 3: the force cookie said always/never.</summary>
    Cookie,

    /// <summary>Rule 4: the request carried a valid sticky bucket.</summary>
    Sticky,

    /// <summary>Rule 4: the request had no valid bucket and was given a new one.</summary>
    New,

    /// <summary>Canary was chosen but has no ready endpoints, so the request went to stable.</summary>
    Fallback,
}
