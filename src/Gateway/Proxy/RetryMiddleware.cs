using System.Net.Sockets;
using Gateway.Telemetry;
using Gateway.Tracks;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>
/// Retries a request once, on another endpoint of the same track, when it failed without reaching a pod: the
/// connection could not be made (refused, unreachable, or not accepted within <see cref="ProxyOptions.ConnectTimeout"/>)
/// — safe for any method, since nothing was sent — or, for GET, HEAD and OPTIONS, the connection broke before the
/// response started. Never after a response began, never once the request body was read (it cannot be sent again),
/// never after a response timeout (the pod has the request and is slow), and never for a non-idempotent request that
/// may have been received. Sits between the canary step (which narrowed the destinations to the chosen track's) and
/// load balancing, so the second attempt is balanced over the track's remaining endpoints. The failed attempt has
/// already been counted by passive health (its middleware runs inside this one).
/// </summary>
internal sealed partial class RetryMiddleware(RequestDelegate next, GatewayMetrics metrics, ILogger<RetryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        var request = context.Request;

        // Only requests that can carry a body pay for the wrapper: a GET without one has nothing to consume.
        var body = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false ? new ReadTrackingStream(request.Body) : null;
        if (body is not null)
        {
            request.Body = body;
        }

        try
        {
            await next(context);

            var error = context.Features.Get<IForwarderErrorFeature>();
            var failed = proxy.ProxiedDestination;

            // Without a proxied destination no pod was tried: there is nothing to steer away from.
            if (error is null || failed is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested
                || !MayRetry(Classify(error), request.Method, body?.WasRead == true))
            {
                return;
            }

            var remaining = Without(candidates, failed);
            if (remaining.Length == 0)
            {
                return;
            }

            // The canary step left only the chosen track's endpoints in the candidates, and the failed one is among them.
            var track = DestinationTrack.Of(failed);
            LogRetry(logger, failed.DestinationId, error.Error, error.Exception?.GetBaseException().Message);
            metrics.Retried(track);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            proxy.AvailableDestinations = remaining;
            await next(context);
        }
        finally
        {
            if (body is not null)
            {
                request.Body = body.Inner;
            }
        }
    }

    /// <summary>Whether an attempt that failed as <paramref name="failure"/> may be repeated on another endpoint.</summary>
    internal static bool MayRetry(AttemptFailure failure, string method, bool bodyRead) =>
        !bodyRead && failure switch
        {
            AttemptFailure.ConnectFailed or AttemptFailure.ConnectTimedOut => true,
            AttemptFailure.BrokeBeforeResponse => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method),
            _ => false,
        };

    /// <summary>What the forwarder's error says about whether the pod got the request.</summary>
    internal static AttemptFailure Classify(IForwarderErrorFeature error) => error.Error switch
    {
        ForwarderError.Request => IsConnectFailure(error.Exception) ? AttemptFailure.ConnectFailed : AttemptFailure.BrokeBeforeResponse,

        // YARP reports every OperationCanceledException of the send as RequestTimedOut, its own response timeout and
        // SocketsHttpHandler's connect timeout alike; the latter carries a TimeoutException ("A connection could not
        // be established within the configured ConnectTimeout").
        ForwarderError.RequestTimedOut => IsConnectTimeout(error.Exception) ? AttemptFailure.ConnectTimedOut : AttemptFailure.ResponseTimedOut,
        _ => AttemptFailure.Other,
    };

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

    private static bool IsConnectTimeout(Exception? exception) =>
        exception is OperationCanceledException { InnerException: TimeoutException };

    private static DestinationState[] Without(IReadOnlyList<DestinationState> destinations, DestinationState failed)
    {
        // Only this path allocates: a failed attempt is rare and about to cost a new connection anyway.
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
