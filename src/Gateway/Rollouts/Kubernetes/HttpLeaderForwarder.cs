using System.Net.Http.Json;
using System.Text.Json;
using System.Globalization;
using System.Net.Http.Headers;
using Gateway.Management;
using Microsoft.Net.Http.Headers;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// Sends a follower's <c>POST /rollout/*</c> to the leader's management port (found by identity among the ready peers)
/// and answers with the leader's status, <c>WWW-Authenticate</c> and body. Exactly one attempt: a management call
/// must take effect once, so a lost answer is reported, never retried.
/// </summary>
internal sealed partial class HttpLeaderForwarder : ILeaderForwarder, IDisposable
{
    // The leader's answers are small JSON documents (the GET /rollout document at most).
    private const int MaxAnswerBytes = 1024 * 1024;

    private readonly RolloutPeers _peers;
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;
    private readonly ILogger<HttpLeaderForwarder> _logger;

    private readonly string _self;

    public HttpLeaderForwarder(RolloutPeers peers, TimeSpan timeout, ILogger<HttpLeaderForwarder> logger, string self = "")
    {
        _self = self;
        _peers = peers;
        _timeout = timeout;
        _logger = logger;

        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
    }

    public async Task<IResult> ForwardAsync(string leader, HttpRequest request, CancellationToken cancellationToken)
    {
        if (_peers.Find(leader) is not { } peer)
        {
            return BearerToken.Error(StatusCodes.Status503ServiceUnavailable, $"leader {leader} is not among the ready endpoints of Service {_peers.Service}");
        }

        var target = new Uri(peer.Management, request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), target)
        {
            // SocketsHttpHandler silently sends a request without content again (up to 3 times, new connection or not)
            // when the server closes the connection before answering, yet the leader may have executed it before it
            // went away. It never resends once content was sent, even an empty one (HttpConnection._canRetry).
            Content = new ByteArrayContent([]),
        };
        // A replica that is not the leader either answers 503 rather than forwarding again (no ping-pong).
        forwarded.Headers.TryAddWithoutValidation(RolloutEndpoints.ForwardedHeader, _self.Length > 0 ? _self : "a follower");
        if (request.Headers.Authorization.Count > 0)
        {
            forwarded.Headers.TryAddWithoutValidation(HeaderNames.Authorization, (IEnumerable<string?>)request.Headers.Authorization);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        string reason;
        try
        {
            using var response = await _client.SendAsync(forwarded, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            LogForwarded(_logger, request.Path, leader, (int)response.StatusCode);
            return new LeaderAnswer(
                (int)response.StatusCode,
                response.Headers.WwwAuthenticate.Count > 0 ? response.Headers.WwwAuthenticate.ToString() : null,
                response.Content.Headers.ContentType?.ToString(),
                body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"no answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; the call may or may not have taken effect, see GET /rollout";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            reason = ex.Message.ReplaceLineEndings(" ");
        }

        LogFailed(_logger, request.Path, leader, reason);
        return BearerToken.Error(StatusCodes.Status503ServiceUnavailable, $"leader {leader} ({peer.Management.GetLeftPart(UriPartial.Authority)}) could not be reached: {reason}");
    }

    public async Task<IReadOnlyList<RolloutCheck>?> GetLeaderChecksAsync(string leader, CancellationToken cancellationToken)
    {
        if (_peers.Find(leader) is not { } peer)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ChecksTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(peer.Management, "/rollout"));
            request.Headers.TryAddWithoutValidation(RolloutEndpoints.ForwardedHeader, _self.Length > 0 ? _self : "a follower");
            using var response = await _client.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var document = await response.Content.ReadFromJsonAsync<LeaderChecks>(StatusJson.Options, timeout.Token);
            return document?.Checks;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException or NotSupportedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogChecksUnread(_logger, leader, ex.Message.ReplaceLineEndings(" "));
            return null;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Reading the leader's checks for a follower's <c>GET /rollout</c>: a read-only page must not hang.</summary>
    private static readonly TimeSpan ChecksTimeout = TimeSpan.FromSeconds(2);

    [LoggerMessage(EventId = 648, Level = LogLevel.Debug, Message = "Could not read the rollout checks from the leader {Leader}: {Reason}")]
    private static partial void LogChecksUnread(ILogger logger, string leader, string reason);

    /// <summary>The part of the leader's <c>GET /rollout</c> a follower shows as its own.</summary>
    private sealed record LeaderChecks(IReadOnlyList<RolloutCheck>? Checks);

    [LoggerMessage(EventId = 646, Level = LogLevel.Information, Message = "Forwarded {Path} to the rollout leader {Leader}: {Status}")]
    private static partial void LogForwarded(ILogger logger, PathString path, string leader, int status);

    [LoggerMessage(EventId = 647, Level = LogLevel.Warning, Message = "Could not forward {Path} to the rollout leader {Leader}: {Reason}")]
    private static partial void LogFailed(ILogger logger, PathString path, string leader, string reason);

    /// <summary>The leader's answer, passed on as it came.</summary>
    private sealed class LeaderAnswer(int status, string? challenge, string? contentType, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            if (challenge is not null)
            {
                response.Headers.WWWAuthenticate = challenge;
            }

            if (contentType is not null)
            {
                response.ContentType = contentType;
            }

            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
