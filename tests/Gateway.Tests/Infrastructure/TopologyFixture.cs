namespace Gateway.Tests.Infrastructure;

/// <summary>The canary recipe's pods: three stable KubeApps (1.0) and one canary (2.0), real sockets, shared by a test class.</summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    public Backend[] Stable { get; private set; } = [];

    public Backend Canary { get; private set; } = null!;

    public IEnumerable<string> StableUrls => Stable.Select(b => b.Url);

    public IEnumerable<string> CanaryUrls => [Canary.Url];

    public async Task InitializeAsync()
    {
        Stable = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Backend.StartKubeAppAsync("1.0")));
        Canary = await Backend.StartKubeAppAsync("2.0");
    }

    public async Task DisposeAsync()
    {
        foreach (var backend in Stable.Append(Canary))
        {
            await backend.DisposeAsync();
        }
    }

    /// <summary>Starts a gateway over this topology.</summary>
    public Task<GatewayInstance> StartGatewayAsync(params string[] settings) => GatewayInstance.StartAsync(StableUrls, CanaryUrls, settings);
}
