using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Net.Sockets;
using Gateway.Canary;
using Gateway.Configuration;
using Gateway.Hosting;
using Gateway.Proxy;
using Gateway.Telemetry;
using Gateway.Tests.Infrastructure;
using Gateway.Tls;
using Gateway.Tracks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Tests.Proxy;

/// <summary>
/// The retry rules, one failed attempt at a time: a fake next step plays the forwarder (reads the body, starts the
/// response, reports the error the way YARP and SocketsHttpHandler do), the real middleware decides.
/// </summary>
public sealed class RetryMiddlewareTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CanaryRulesProvider _rules;
    private readonly GatewayMetrics _metrics;
    private readonly MetricCounter _retries;

    public RetryMiddlewareTests()
    {
        var catalog = new EndpointCatalog();
        _rules = new CanaryRulesProvider(new ConfigurationBuilder().Build(), Options.Create(new CanaryOptions()), Options.Create(new TracksOptions()),
            Options.Create(new TlsOptions()), Options.Create(new GatewayListenOptions()), catalog, new GatewaySettings(), [], NullLogger<CanaryRulesProvider>.Instance);
        var meters = _services.GetRequiredService<IMeterFactory>();
        _metrics = new GatewayMetrics(meters, catalog, _rules);
        _retries = new MetricCounter(meters, "gateway.retries", "track");
    }

    public enum Failure
    {
        /// <summary>Connection refused: nothing sent.</summary>
        Refused,

        /// <summary>No connection within the connect timeout: nothing sent.</summary>
        ConnectTimeout,

        /// <summary>The connection broke after the request went out, before any response.</summary>
        ResetBeforeResponse,

        /// <summary>Connected and sent; the pod did not answer within the response (activity) timeout.</summary>
        ResponseTimeout,
    }

    /// <summary>method, failure, body sent, response started → retried.</summary>
    public static TheoryData<string, Failure, bool, bool, bool> Rules()
    {
        var rules = new TheoryData<string, Failure, bool, bool, bool>
        {
            { "GET", Failure.Refused, false, false, true },
            { "GET", Failure.Refused, true, false, false },
            { "GET", Failure.ConnectTimeout, false, false, true },
            { "GET", Failure.ConnectTimeout, true, false, false },
            { "GET", Failure.ResetBeforeResponse, false, false, true },
            { "GET", Failure.ResetBeforeResponse, true, false, false },
            { "GET", Failure.ResponseTimeout, false, false, false },
            { "GET", Failure.ResponseTimeout, true, false, false },
            { "OPTIONS", Failure.Refused, false, false, true },
            { "OPTIONS", Failure.Refused, true, false, false },
            { "OPTIONS", Failure.ConnectTimeout, false, false, true },
            { "OPTIONS", Failure.ConnectTimeout, true, false, false },
            { "OPTIONS", Failure.ResetBeforeResponse, false, false, true },
            { "OPTIONS", Failure.ResetBeforeResponse, true, false, false },
            { "OPTIONS", Failure.ResponseTimeout, false, false, false },
            { "OPTIONS", Failure.ResponseTimeout, true, false, false },
            { "POST", Failure.Refused, false, false, true },
            { "POST", Failure.Refused, true, false, false },
            { "POST", Failure.ConnectTimeout, false, false, true },
            { "POST", Failure.ConnectTimeout, true, false, false },
            { "POST", Failure.ResetBeforeResponse, false, false, false },
            { "POST", Failure.ResetBeforeResponse, true, false, false },
            { "POST", Failure.ResponseTimeout, false, false, false },
            { "POST", Failure.ResponseTimeout, true, false, false },
        };

        // Once a response began nothing is retried, whatever the rest.
        foreach (var method in new[] { "GET", "OPTIONS", "POST" })
        {
            foreach (var failure in Enum.GetValues<Failure>())
            {
                rules.Add(method, failure, false, true, false);
                rules.Add(method, failure, true, true, false);
            }
        }

        return rules;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task InvokeAsync_FailedAttempt_RetriedOnlyWhenTheRulesAllow(string method, Failure failure, bool bodySent, bool responseStarted, bool retried)
    {
        var (first, second) = (Destination("stable/a", TrackNames.Stable), Destination("stable/b", TrackNames.Stable));
        var context = Context(method, first, second);
        var attempts = new List<IReadOnlyList<DestinationState>>();
        var middleware = new RetryMiddleware(async ctx =>
        {
            var proxy = ctx.GetReverseProxyFeature();
            attempts.Add(proxy.AvailableDestinations);
            proxy.ProxiedDestination = proxy.AvailableDestinations[0];
            if (attempts.Count == 1)
            {
                await FailAsync(ctx, failure, bodySent, responseStarted);
            }
        }, _metrics, NullLogger<RetryMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Equal(retried ? 2 : 1, attempts.Count);
        Assert.Equal(retried ? 1 : 0, _retries.For(TrackNames.Stable));
        if (retried)
        {
            // DestinationState enumerates as a list of itself, so xunit's collection equality would recurse forever.
            Assert.Same(second, Assert.Single(attempts[1]));
            Assert.Null(context.Features.Get<IForwarderErrorFeature>());
        }
    }

    [Fact]
    public async Task InvokeAsync_FailedWithoutAProxiedDestination_NotRetriedNorCounted()
    {
        var context = Context("GET", Destination("canary/a", TrackNames.Canary), Destination("canary/b", TrackNames.Canary));
        var attempts = 0;
        var middleware = new RetryMiddleware(ctx =>
        {
            attempts++;
            ctx.Features.Set<IForwarderErrorFeature>(Error(Failure.Refused));
            return Task.CompletedTask;
        }, _metrics, NullLogger<RetryMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Equal(1, attempts);
        Assert.Equal(0, _retries.Total);
    }

    [Fact]
    public async Task InvokeAsync_CanaryEndpointRefused_RetriedOnTheOtherCanaryEndpoint_CountedForCanary()
    {
        var (first, second) = (Destination("canary/a", TrackNames.Canary), Destination("canary/b", TrackNames.Canary));
        var context = Context("POST", first, second);
        var attempts = new List<DestinationState>();
        var middleware = new RetryMiddleware(ctx =>
        {
            var proxy = ctx.GetReverseProxyFeature();
            proxy.ProxiedDestination = proxy.AvailableDestinations[0];
            attempts.Add(proxy.ProxiedDestination);
            ctx.Features.Set<IForwarderErrorFeature>(attempts.Count == 1 ? Error(Failure.Refused) : null);
            return Task.CompletedTask;
        }, _metrics, NullLogger<RetryMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Collection(attempts, a => Assert.Same(first, a), a => Assert.Same(second, a));
        Assert.Equal(1, _retries.For(TrackNames.Canary));
        Assert.Equal(0, _retries.For(TrackNames.Stable));
    }

    [Fact]
    public async Task InvokeAsync_OnlyEndpointOfTheTrackRefused_NotRetried()
    {
        var context = Context("GET", Destination("stable/a", TrackNames.Stable));
        var attempts = 0;
        var middleware = new RetryMiddleware(ctx =>
        {
            attempts++;
            var proxy = ctx.GetReverseProxyFeature();
            proxy.ProxiedDestination = proxy.AvailableDestinations[0];
            ctx.Features.Set<IForwarderErrorFeature>(Error(Failure.Refused));
            return Task.CompletedTask;
        }, _metrics, NullLogger<RetryMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Equal(1, attempts);
        Assert.Equal(0, _retries.Total);
    }

    [Fact]
    public async Task InvokeAsync_AfterwardsTheRequestBodyIsTheOriginalStream()
    {
        var context = Context("POST", Destination("stable/a", TrackNames.Stable));
        var original = context.Request.Body;
        var middleware = new RetryMiddleware(_ => Task.CompletedTask, _metrics, NullLogger<RetryMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        Assert.Same(original, context.Request.Body);
    }

    public void Dispose()
    {
        _retries.Dispose();
        _rules.Dispose();
        _services.Dispose();
    }

    private static async Task FailAsync(HttpContext context, Failure failure, bool bodySent, bool responseStarted)
    {
        if (bodySent)
        {
            // As YARP's StreamCopyHttpContent does once the connection is up.
            await context.Request.Body.CopyToAsync(Stream.Null);
        }

        if (responseStarted)
        {
            ((StartableResponse)context.Features.Get<IHttpResponseFeature>()!).Start();
        }

        context.Features.Set<IForwarderErrorFeature>(Error(failure));
        context.Response.StatusCode = failure is Failure.ConnectTimeout or Failure.ResponseTimeout ? 504 : 502;
    }

    /// <summary>The errors YARP's HttpForwarder reports for what SocketsHttpHandler threw (as observed in RetryTests).</summary>
    private static ErrorFeature Error(Failure failure) => failure switch
    {
        Failure.Refused => new(ForwarderError.Request,
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.2.0.9:8080)", new SocketException((int)SocketError.ConnectionRefused))),

        // HttpConnectionPool.CreateConnectTimeoutException; YARP maps every OperationCanceledException to RequestTimedOut.
        Failure.ConnectTimeout => new(ForwarderError.RequestTimedOut,
            new TaskCanceledException("The operation was canceled.", new TimeoutException("A connection could not be established within the configured ConnectTimeout."))),
        Failure.ResetBeforeResponse => new(ForwarderError.Request,
            new HttpRequestException("An error occurred while sending the request.", new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)))),

        // YARP's activity timeout cancels the send's token: the pending read is aborted, no TimeoutException.
        _ => new(ForwarderError.RequestTimedOut,
            new TaskCanceledException("The operation was canceled.", new IOException("Unable to read data from the transport connection: Operation canceled.", new SocketException((int)SocketError.OperationAborted)))),
    };

    private static DestinationState Destination(string id, string track) =>
        new(id, new DestinationModel(new DestinationConfig { Address = "http://127.2.0.2:8080", Metadata = new Dictionary<string, string> { [TrackNames.MetadataKey] = track } }));

    /// <summary>A request after the canary step: its track's destinations available, a body the forwarder may read.</summary>
    private static DefaultHttpContext Context(string method, params DestinationState[] destinations)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(new StartableResponse());
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
        context.Features.Set<IReverseProxyFeature>(new ReverseProxyFeature { AvailableDestinations = destinations });
        context.Request.Method = method;
        context.Request.Body = new MemoryStream("payload"u8.ToArray());
        return context;
    }

    private sealed record ErrorFeature(ForwarderError Error, Exception? Exception) : IForwarderErrorFeature;

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private sealed class StartableResponse : HttpResponseFeature
    {
        private bool _started;

        public override bool HasStarted => _started;

        public void Start() => _started = true;
    }
}
