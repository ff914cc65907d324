using System.Net;
using System.Net.Sockets;

namespace TestSupport;

/// <summary>
/// Hands out "pod IPs" in 127.0.0.0/8. Each test assembly uses its own second octet, and every address is
/// probed before use, so test projects running in parallel (and leftovers of a crashed run) never collide.
/// </summary>
public static class Loopback
{
    private static int _next;

    /// <summary>The port every fake pod listens on, as in the manifests.</summary>
    public const int PodPort = 8080;

    /// <summary>A loopback address nobody listens on at <paramref name="port"/> right now.</summary>
    public static IPAddress NextAddress(byte range, int port = PodPort)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var n = Interlocked.Increment(ref _next);
            var address = new IPAddress(new byte[] { 127, range, (byte)(n / 250), (byte)(2 + (n % 250)) });
            if (IsFree(address, port))
            {
                return address;
            }
        }

        throw new InvalidOperationException("No free loopback address found.");
    }

    /// <summary>A free TCP port on 127.0.0.1 (for listeners that cannot use a fixed port).</summary>
    public static int FreePort(IPAddress? address = null)
    {
        using var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether nothing listens on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
