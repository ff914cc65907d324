using LoadTests.Topology;
using TestSupport;

namespace LoadTests.Tests.Infrastructure;

/// <summary>
/// The canary recipe in-process for the end-to-end tests: 3 stable KubeApps and 1 canary on 127.3.x.x:8080 (this
/// assembly's range), the real gateway at weight 25, and a fake gateway that ignores cookies.
/// </summary>
public sealed class SplitTopologyFixture : IAsyncLifetime
{
    /// <summary>Second octet of this assembly's pod IPs (KubeApp.Tests 1, Gateway.Tests 2, the smoke command 4).</summary>
    public const byte AddressRange = 3;

    internal InProcessTopology Topology { get; private set; } = null!;

    internal UnstickyServer Unsticky { get; private set; } = null!;

    public string GatewayUrl => Topology.GatewayUrl.ToString();

    public async Task InitializeAsync()
    {
        var stable = Enumerable.Range(0, 3).Select(_ => Loopback.NextAddress(AddressRange)).ToArray();
        Topology = await InProcessTopology.StartAsync(stable, [Loopback.NextAddress(AddressRange)], ["Gateway:Canary:Weight=25"]);
        Unsticky = await UnstickyServer.StartAsync(seed: 7);
    }

    public async Task DisposeAsync()
    {
        await Unsticky.DisposeAsync();
        await Topology.DisposeAsync();
    }
}
