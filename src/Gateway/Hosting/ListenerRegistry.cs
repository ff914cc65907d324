using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gateway.Hosting;

/// <summary>
/// Knows which Kestrel listeners serve management, so a request is told apart by the local port it arrived on
/// (not by its Host header, which a client controls). Ports of listeners bound to port 0 are read after binding.
/// </summary>
public sealed class ListenerRegistry
{
    private readonly List<ListenOptions> _management = [];
    private readonly List<ListenOptions> _public = [];
    private readonly List<ListenOptions> _https = [];
    private int[]? _managementPorts;

    /// <summary>Whether a request that arrived on <paramref name="localPort"/> is for the management endpoints.</summary>
    public bool IsManagementPort(int localPort)
    {
        var ports = _managementPorts ?? Resolve(_management);
        foreach (var port in ports)
        {
            if (port == localPort && port != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bound management endpoints (after the server started).</summary>
    public IReadOnlyList<IPEndPoint> ManagementEndPoints => _management.Select(l => l.IPEndPoint!).ToArray();

    /// <summary>The bound public plain-HTTP endpoints (after the server started).</summary>
    public IReadOnlyList<IPEndPoint> PublicEndPoints => _public.Select(l => l.IPEndPoint!).ToArray();

    /// <summary>The bound public HTTPS endpoints (after the server started).</summary>
    public IReadOnlyList<IPEndPoint> HttpsEndPoints => _https.Select(l => l.IPEndPoint!).ToArray();

    internal void AddHttps(ListenOptions listener) => _https.Add(listener);

    internal void AddManagement(ListenOptions listener) => _management.Add(listener);

    internal void AddPublic(ListenOptions listener) => _public.Add(listener);

    private int[] Resolve(List<ListenOptions> listeners)
    {
        // Cached only once every listener is bound: before that a port-0 listener still reports 0.
        var ports = listeners.Select(l => l.IPEndPoint?.Port ?? 0).Distinct().ToArray();
        if (Array.IndexOf(ports, 0) < 0)
        {
            _managementPorts = ports;
        }

        return ports;
    }
}
