using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// YARP's client factory with <see cref="ProxyOptions.ConnectTimeout"/> applied to the handler that connects to pods.
/// Everything else stays as YARP configures it (no proxy, no redirects, no decompression, no cookies, cluster settings).
/// </summary>
internal sealed class PodHttpClientFactory(IOptions<ProxyOptions> options, ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);

        // A connect timeout surfaces as ForwarderError.RequestTimedOut; RetryMiddleware tells it apart from a slow
        // response and retries it like a refused connection.
        handler.ConnectTimeout = options.Value.ConnectTimeout;
    }
}
