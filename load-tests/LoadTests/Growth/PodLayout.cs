using System.Net;

namespace LoadTests.Growth;

/// <summary>
/// The growth bench's pods: three stable KubeApp processes and one canary KubeApp process, each listening on a block
/// of loopback "pod IPs" 127.20.x.y:8080. The large gateway routes to every address; the small one to the first
/// address of each process (3 stable + 1 canary, as <c>bench</c>), so both are served by the same four processes with
/// the same share of the load each.
/// </summary>
internal sealed record PodLayout(IReadOnlyList<PodProcess> Processes)
{
    public const int Port = 8080;

    /// <summary>Second octet of every address (the tests use 1–7, <c>bench</c> 127.0.0.x).</summary>
    public const byte Range = 20;

    /// <summary>Addresses per third octet: 127.20.k.2 to 127.20.k.251.</summary>
    public const int AddressesPerBlock = 250;

    /// <summary>What one /16 holds at <see cref="AddressesPerBlock"/> per third octet.</summary>
    public const int MaxEndpoints = 256 * AddressesPerBlock;

    public const int StableProcesses = 3;

    /// <summary>
    /// <paramref name="endpoints"/> addresses: a quarter (at least one) canary, the rest stable, spread as evenly as
    /// possible over the three stable processes. The traffic split does not follow the counts: the gateways run at a
    /// fixed weight of 25.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 4 or more than <see cref="MaxEndpoints"/>.</exception>
    public static PodLayout For(int endpoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(endpoints, StableProcesses + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endpoints, MaxEndpoints);
        var canary = Math.Max(1, endpoints / 4);
        var stable = endpoints - canary;
        var processes = new List<PodProcess>();
        var next = 0;
        for (var i = 0; i < StableProcesses; i++)
        {
            var count = (stable / StableProcesses) + (i < stable % StableProcesses ? 1 : 0);
            processes.Add(new PodProcess($"stable-{i + 1}", Canary: false, Block(next, count)));
            next += count;
        }

        processes.Add(new PodProcess("canary", Canary: true, Block(next, canary)));
        return new PodLayout(processes);
    }

    /// <summary>The n-th address (from 0): 127.20.(n / 250).(2 + n % 250).</summary>
    public static IPAddress Address(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, MaxEndpoints);
        return new IPAddress([127, Range, (byte)(n / AddressesPerBlock), (byte)(2 + (n % AddressesPerBlock))]);
    }

    /// <summary>Every address of every process.</summary>
    public int Count => Processes.Sum(p => p.Addresses.Count);

    /// <summary>The destination URLs of one track: every address (<paramref name="all"/>), or each process's first.</summary>
    public IReadOnlyList<string> Destinations(bool canary, bool all) => Processes
        .Where(p => p.Canary == canary)
        .SelectMany(p => all ? p.Addresses : p.Addresses.Take(1))
        .Select(Url)
        .ToArray();

    public static string Url(IPAddress address) => $"http://{address}:{Port}";

    private static IPAddress[] Block(int first, int count) => Enumerable.Range(first, count).Select(Address).ToArray();
}
