using System.Net;

namespace LoadTests.Topology;

/// <summary>
/// Free "pod IPs" 127.R.x.y for the in-process topology, probed before use (the tests use R = 1–3; the smoke
/// command uses 4, so a smoke run and the tests never collide).
/// </summary>
internal static class LoopbackAddresses
{
    public const byte SmokeRange = 4;

    /// <summary>An address in 127.<paramref name="range"/>.0.0/16 where nothing listens on <paramref name="port"/>.</summary>
    public static IPAddress Next(byte range, int port) => TestSupport.Loopback.NextAddress(range, port);

    /// <summary>Whether nothing listens on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static bool IsFree(IPAddress address, int port) => TestSupport.Loopback.IsFree(address, port);
}
