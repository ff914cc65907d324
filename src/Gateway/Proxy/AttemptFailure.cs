namespace Gateway.Proxy;

/// <summary>How a forwarding attempt failed, as far as retrying it is concerned (RetryMiddleware.Classify).</summary>
internal enum AttemptFailure
{
    /// <summary>Not a failure a retry could help with: a body or response error, a cancelled request, no destination.</summary>
    Other,

    /// <summary>The connection to the pod was refused or unreachable: nothing of the request was sent.</summary>
    ConnectFailed,

    /// <summary>No connection within <see cref="ProxyOptions.ConnectTimeout"/> (a pod that stopped accepting): nothing was sent.</summary>
    ConnectTimedOut,

    /// <summary>The connection broke after the request was (maybe partly) sent and before any response: the pod may have received it.</summary>
    BrokeBeforeResponse,

    /// <summary>Connected, but the pod did not answer in time: it received the request and may still be processing it.</summary>
    ResponseTimedOut,
}
