using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gateway.Resilience;

/// <summary>Kestrel limits chosen for an edge proxy (README "Limits and timeouts" documents them).</summary>
internal static class KestrelLimits
{
    public static IServiceCollection ConfigureKestrelLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            var limits = kestrel.Limits;

            // Bodies stream through to the pod, which decides what it accepts; Kestrel's 30 MB default would
            // reject large uploads at the gateway.
            limits.MaxRequestBodySize = null;

            // Longer than the usual cloud load balancer idle timeout (60 s), so the balancer, not the gateway,
            // closes idle connections and never sends a request on a connection the gateway is closing.
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(65);

            // A client gets 15 s to send its request headers (default 30 s): slowloris connections are dropped sooner.
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);

            // Bodies slower than 240 bytes/s after a 5 s grace are cut off, both ways (Kestrel's defaults, kept on
            // purpose: a stalled client must not hold a pod connection forever).
            limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));

            // Header and request-line limits stay at Kestrel's defaults: 32 KB of headers (431), 100 headers,
            // an 8 KB request line (414).
            limits.MaxRequestHeadersTotalSize = 32 * 1024;
            limits.MaxRequestLineSize = 8 * 1024;
            limits.MaxRequestHeaderCount = 100;
        });
}
