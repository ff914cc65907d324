using System.Net;
using System.Net.Sockets;
using k8s.Models;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>Reads the ready gateway replicas out of one EndpointSlice of the management Service.</summary>
internal static class RolloutPeerSlice
{
    /// <summary>
    /// The slice's ready endpoints on its <see cref="RolloutObjectNames.ManagementPort"/> port, identified by their
    /// <c>targetRef.name</c>. Null with <paramref name="problem"/> when the whole slice is unusable; endpoints skipped
    /// for want of a pod name or address are reported in <paramref name="problem"/> too.
    /// </summary>
    public static List<RolloutPeer>? Parse(V1EndpointSlice slice, out string? problem)
    {
        problem = null;
        if (slice.AddressType is not ("IPv4" or "IPv6"))
        {
            problem = $"address type '{slice.AddressType}' is not IPv4 or IPv6";
            return null;
        }

        var port = slice.Ports?.FirstOrDefault(p => string.Equals(p.Name, RolloutObjectNames.ManagementPort, StringComparison.Ordinal))?.Port;
        if (port is not (> 0 and <= 65535))
        {
            problem = $"no port named '{RolloutObjectNames.ManagementPort}' with a valid number";
            return null;
        }

        var peers = new List<RolloutPeer>();
        var skipped = 0;
        foreach (var endpoint in slice.Endpoints ?? [])
        {
            // Ready when conditions.ready is true or absent (the Kubernetes API's own rule).
            if (endpoint.Conditions?.Ready == false)
            {
                continue;
            }

            var name = endpoint.TargetRef?.Name;
            var address = endpoint.Addresses is { Count: > 0 } addresses ? addresses[0] : null;
            if (string.IsNullOrEmpty(name) || address is null || !IPAddress.TryParse(address, out var ip))
            {
                skipped++;
                continue;
            }

            var host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
            peers.Add(new RolloutPeer(name, new Uri($"http://{host}:{port}")));
        }

        if (skipped > 0)
        {
            problem = $"{skipped} ready endpoint(s) without a targetRef name or a valid IP address skipped";
        }

        return peers;
    }
}
