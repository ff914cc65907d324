using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Gateway.Rollouts.Kubernetes;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using TestSupport;
using static Gateway.Tests.Rollouts.Kubernetes.PeersHarness;

namespace Gateway.Tests.Rollouts.Kubernetes;

/// <summary>
/// A follower's <c>POST /rollout/*</c> goes to the leader once, and the leader's answer comes back as it was: status,
/// <c>WWW-Authenticate</c> and body.
/// </summary>
public sealed class HttpLeaderForwarderTests : IAsyncLifetime
{
    private const string Leader = "gw-leader";

    private readonly ConcurrentQueue<(string PathAndQuery, string? Authorization)> _received = new();
    private readonly List<PeerServer> _servers = [];
    private PeersHarness _k8s = null!;
    private HttpLeaderForwarder _forwarder = null!;
    private Func<HttpContext, Task> _leaderAnswer = _ => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _k8s = (await PeersHarness.StartAsync()).Run();
        _forwarder = new HttpLeaderForwarder(_k8s.Peers, TimeSpan.FromSeconds(10), NullLogger<HttpLeaderForwarder>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _forwarder.Dispose();
        await _k8s.DisposeAsync();
    }

    [Fact]
    public async Task LeaderAnswers409_SameAnswerBack_ForwardedWithPathQueryAndToken()
    {
        _leaderAnswer = context => Results.Json(new { error = "cannot pause in phase Idle" }, statusCode: 409).ExecuteAsync(context);
        var follower = await StartAsync(_forwarder);

        using var response = await PostAsync(follower, "/rollout/pause?reason=test", "Bearer s3cret");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("cannot pause in phase Idle", Error(await response.Content.ReadAsStringAsync()));
        Assert.Equal([("/rollout/pause?reason=test", "Bearer s3cret")], _received);
    }

    [Fact]
    public async Task LeaderAnswers401_WwwAuthenticatePassedOn()
    {
        _leaderAnswer = context =>
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new { error = "wrong bearer token" }, statusCode: 401).ExecuteAsync(context);
        };
        var follower = await StartAsync(_forwarder);

        using var response = await PostAsync(follower, "/rollout/abort", "Bearer wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("wrong bearer token", Error(await response.Content.ReadAsStringAsync()));
        Assert.Single(_received);
    }

    [Fact]
    public async Task LeaderAnswers200_DocumentPassedOn_NoTokenNoAuthorization()
    {
        _leaderAnswer = context => Results.Json(new { phase = "Paused", step = 1 }).ExecuteAsync(context);
        var follower = await StartAsync(_forwarder);

        using var response = await PostAsync(follower, "/rollout/pause", authorization: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"phase\":\"Paused\",\"step\":1}", await response.Content.ReadAsStringAsync());
        Assert.Equal([("/rollout/pause", (string?)null)], _received);
    }

    [Fact]
    public async Task UnknownLeader_503WithReason_NothingSent()
    {
        var follower = await StartAsync(_forwarder, leader: "gw-gone");

        using var response = await PostAsync(follower, "/rollout/promote", "Bearer s3cret");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("leader gw-gone is not among the ready endpoints of Service canary-gateway-management", Error(await response.Content.ReadAsStringAsync()));
        Assert.Empty(_received);
    }

    [Fact]
    public async Task LeaderAnswers500_PassedOn_ForwardedOnce()
    {
        _leaderAnswer = context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("boom");
        };
        var follower = await StartAsync(_forwarder);

        using var response = await PostAsync(follower, "/rollout/promote", "Bearer s3cret");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("boom", await response.Content.ReadAsStringAsync());
        Assert.Single(_received);
    }

    [Fact]
    public async Task LeaderNeverAnswers_503AfterTheTimeout_ForwardedOnce()
    {
        var release = new TaskCompletionSource();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _leaderAnswer = context =>
        {
            arrived.TrySetResult();
            return release.Task.WaitAsync(context.RequestAborted);
        };

        // Long enough for the call to reach the leader on a busy machine: what is tested is the answer after it.
        using var forwarder = new HttpLeaderForwarder(_k8s.Peers, TimeSpan.FromSeconds(2), NullLogger<HttpLeaderForwarder>.Instance);
        var follower = await StartAsync(forwarder);

        using var response = await PostAsync(follower, "/rollout/abort", "Bearer s3cret");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        release.TrySetResult();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = Error(await response.Content.ReadAsStringAsync());
        Assert.StartsWith($"leader {Leader} (http://", error, StringComparison.Ordinal);
        Assert.Contains("no answer within 2 s; the call may or may not have taken effect", error, StringComparison.Ordinal);
        Assert.Single(_received);
    }

    [Fact]
    public async Task LeaderClosesTheConnectionWithoutAnswering_503_NotResent()
    {
        // HttpClient resends a request without content when the server closes the connection before answering; the
        // leader may have executed it before going away, so the forwarder must not be one such request.
        using var stop = new CancellationTokenSource();
        var requests = new ConcurrentQueue<string>();
        var listener = new TcpListener(Loopback.NextAddress(Backend.AddressRange), 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await socket.ReceiveAsync(buffer, stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                requests.Enqueue(head.ToString());
                socket.Shutdown(SocketShutdown.Both);
            }
        });
        var follower = await PeerServer.StartAsync("gw-follower", app => app.MapPost("/rollout/{command}", (HttpRequest request, CancellationToken cancellationToken) =>
            _forwarder.ForwardAsync(Leader, request, cancellationToken)));
        _servers.Add(follower);
        await _k8s.PublishAsync((Leader, endpoint.Address, endpoint.Port), (follower.Identity, follower.Address, follower.Port));

        using var response = await PostAsync(follower, "/rollout/abort", "Bearer s3cret");
        var received = requests.ToArray();
        await stop.CancelAsync();
        listener.Stop();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith($"leader {Leader} (http://{endpoint.Address}:{endpoint.Port}) could not be reached: ", Error(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var only = Assert.Single(received);
        Assert.StartsWith("POST /rollout/abort HTTP/1.1\r\n", only, StringComparison.Ordinal);
    }

    private static string? Error(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();

    private static async Task<HttpResponseMessage> PostAsync(PeerServer follower, string pathAndQuery, string? authorization)
    {
        using var client = new HttpClient { BaseAddress = follower.Management };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(pathAndQuery, UriKind.Relative));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A leader that records what reaches it and answers with <see cref="_leaderAnswer"/>, and a follower that forwards every call to <paramref name="leader"/>.</summary>
    private async Task<PeerServer> StartAsync(HttpLeaderForwarder forwarder, string leader = Leader)
    {
        var leaderServer = await PeerServer.StartAsync(Leader, app => app.MapPost("/rollout/{command}", (HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization;
            _received.Enqueue((context.Request.Path + context.Request.QueryString, authorization.Count == 0 ? null : authorization.ToString()));
            return _leaderAnswer(context);
        }));
        _servers.Add(leaderServer);
        var follower = await PeerServer.StartAsync("gw-follower", app => app.MapPost("/rollout/{command}", (HttpRequest request, CancellationToken cancellationToken) =>
            forwarder.ForwardAsync(leader, request, cancellationToken)));
        _servers.Add(follower);
        await _k8s.PublishAsync(leaderServer, follower);
        return follower;
    }
}
