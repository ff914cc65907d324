using System.Net;
using System.Net.Sockets;

namespace LoadTests.Topology;

/// <summary>
/// Free "pod IPs" 127.R.x.y for the in-process topology, probed before use (the tests use R = 1–3; the smoke
/// command uses 4, so a smoke run and the tests never collide).
/// </summary>
internal static class LoopbackAddresses
{
    public const byte SmokeRange = 4;

    private static int _next;

    /// <summary>An address in 127.<paramref name="range"/>.0.0/16 where nothing listens on <paramref name="port"/>.</summary>
    public static IPAddress Next(byte range, int port)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var n = Interlocked.Increment(ref _next);
            var address = new IPAddress([127, range, (byte)(n / 250), (byte)(2 + (n % 250))]);
            if (IsFree(address, port))
            {
                return address;
            }
        }

        throw new InvalidOperationException($"No free address in 127.{range}.0.0/16 for port {port}.");
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
