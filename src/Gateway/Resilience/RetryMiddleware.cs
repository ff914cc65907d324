using System.Net.Sockets;
using Gateway.Canary;
using Gateway.Telemetry;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Resilience;

/// <summary>
/// Retries a request once, on another endpoint of the same track, when it failed without reaching a pod: the
/// connection could not be made (refused, reset on connect, pod gone) — safe for any method, since nothing was sent —
/// or, for idempotent methods, the connection broke before the response started. Never after a response began, and
/// never for a non-idempotent request that may have been received. Sits between the canary step (which chose the
/// track's endpoints) and load balancing, so the second attempt is balanced over the remaining endpoints.
/// </summary>
internal sealed partial class RetryMiddleware(RequestDelegate next, GatewayMetrics metrics, ILogger<RetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        await next(context);

        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || context.Response.HasStarted || !IsRetriable(error, context.Request.Method, context.RequestAborted))
        {
            return;
        }

        var failed = proxy.ProxiedDestination;
        var remaining = Without(candidates, failed);
        if (remaining.Length == 0)
        {
            return;
        }

        // Only this path allocates: a failed attempt is rare and about to cost a new connection anyway.
        var track = failed is null ? Track.Stable : TrackDestinations.TrackOf(failed);
        LogRetry(logger, failed?.DestinationId, error.Error, error.Exception?.GetBaseException().Message);
        metrics.Retried(track);
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.StatusCode = StatusCodes.Status200OK;
        proxy.AvailableDestinations = remaining;
        await next(context);
    }

    /// <summary>Whether a failed attempt may be repeated on another endpoint.</summary>
    internal static bool IsRetriable(IForwarderErrorFeature error, string method, CancellationToken requestAborted) =>
        !requestAborted.IsCancellationRequested
        && error.Error == ForwarderError.Request
        && (IsConnectFailure(error.Exception) || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    /// <summary>The connection to the pod could not be made: nothing of the request was sent.</summary>
    internal static bool IsConnectFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }

            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound })
            {
                return true;
            }
        }

        return false;
    }

    private static DestinationState[] Without(IReadOnlyList<DestinationState> destinations, DestinationState? failed)
    {
        var result = new List<DestinationState>(destinations.Count);
        foreach (var destination in destinations)
        {
            if (!ReferenceEquals(destination, failed))
            {
                result.Add(destination);
            }
        }

        return [.. result];
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Retrying on another endpoint after {Destination} failed before responding ({Error}: {Reason})")]
    private static partial void LogRetry(ILogger logger, string? destination, ForwarderError error, string? reason);
}
