using System.Net;
using Gateway.Tracks;
using k8s.Models;

namespace Gateway.Discovery.Kubernetes;

/// <summary>Reads the routable endpoints out of one EndpointSlice, skipping (and reporting) what it cannot use.</summary>
internal static class EndpointSliceParser
{
    /// <summary>
    /// The slice's endpoints on the chosen port: the port named <paramref name="portName"/>, else the slice's only
    /// port. Returns null with <paramref name="problem"/> when the whole slice is unusable; endpoints without an address
    /// are skipped and reported in <paramref name="problem"/> too.
    /// </summary>
    public static List<TrackEndpoint>? Parse(V1EndpointSlice slice, Track track, string? portName, out string? problem)
    {
        problem = null;
        if (slice.AddressType is not ("IPv4" or "IPv6"))
        {
            problem = $"address type '{slice.AddressType}' is not IPv4 or IPv6";
            return null;
        }

        var port = ChoosePort(slice.Ports, portName, out problem);
        if (port is null)
        {
            return null;
        }

        var result = new List<TrackEndpoint>();
        var skipped = 0;
        foreach (var endpoint in slice.Endpoints ?? [])
        {
            // Consumers use the first address of an endpoint (the others are for the same pod).
            var address = endpoint.Addresses is { Count: > 0 } addresses ? addresses[0] : null;
            if (address is null || !IPAddress.TryParse(address, out var ip))
            {
                skipped++;
                continue;
            }

            var host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();

            // Ready when conditions.ready is true or absent (DESIGN.md; the Kubernetes API's own rule).
            var ready = endpoint.Conditions?.Ready ?? true;
            result.Add(new TrackEndpoint(track, new Uri($"http://{host}:{port}"), ready, PodOf(endpoint.TargetRef), ReplicaSetOf(endpoint.TargetRef)));
        }

        if (skipped > 0)
        {
            problem = $"{skipped} endpoint(s) without a valid IP address skipped";
        }

        return result;
    }

    /// <summary>
    /// Who the endpoint is, the same in every slice that lists it (a dual-stack Service has an IPv4 and an IPv6 slice
    /// naming the same pods): the target's uid, else its kind, namespace and name; null without a target.
    /// </summary>
    private static string? PodOf(V1ObjectReference? target) =>
        target is null ? null
        : !string.IsNullOrEmpty(target.Uid) ? target.Uid
        : !string.IsNullOrEmpty(target.Name) ? $"{target.Kind}/{target.NamespaceProperty}/{target.Name}"
        : null;

    /// <summary>
    /// The ReplicaSet of a Deployment's pod: its name without the last <c>-suffix</c>
    /// (<c>kubeapp-canary-7d4b9c6f5-x2k9p</c> → <c>kubeapp-canary-7d4b9c6f5</c>); null for other targets.
    /// </summary>
    private static string? ReplicaSetOf(V1ObjectReference? target)
    {
        if (target is null || !string.Equals(target.Kind, "Pod", StringComparison.Ordinal) || string.IsNullOrEmpty(target.Name))
        {
            return null;
        }

        var dash = target.Name.LastIndexOf('-');
        return dash > 0 ? target.Name[..dash] : target.Name;
    }

    private static int? ChoosePort(IList<Discoveryv1EndpointPort>? ports, string? portName, out string? problem)
    {
        problem = null;
        if (ports is null || ports.Count == 0)
        {
            problem = "no ports";
            return null;
        }

        Discoveryv1EndpointPort? chosen = null;
        if (!string.IsNullOrEmpty(portName))
        {
            foreach (var candidate in ports)
            {
                if (string.Equals(candidate.Name, portName, StringComparison.Ordinal))
                {
                    chosen = candidate;
                }
            }

            problem = chosen is null ? $"no port named '{portName}'" : null;
        }
        else if (ports.Count == 1)
        {
            chosen = ports[0];
        }
        else
        {
            problem = $"{ports.Count} ports and no PortName to choose one";
        }

        if (chosen is not null && chosen.Port is not (> 0 and <= 65535))
        {
            problem = $"port '{chosen.Name}' has no valid number";
            return null;
        }

        return chosen?.Port;
    }
}
