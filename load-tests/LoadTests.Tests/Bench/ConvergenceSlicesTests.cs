using Gateway.Discovery.Kubernetes;
using Gateway.Tracks;
using LoadTests.Bench;

namespace LoadTests.Tests.Bench;

public sealed class ConvergenceSlicesTests
{
    private const string Pod = "127.5.0.9";

    [Fact]
    public void Canary_1000In10_IsTenSlicesOf100WithOnlyThePodReady()
    {
        var slices = new ConvergenceSlices(1000, 10).Canary(Pod);

        var endpoints = slices.SelectMany(Parse).ToArray();

        Assert.Equal(10, slices.Count);
        Assert.All(slices, s => Assert.Equal(100, s.Endpoints.Count));
        Assert.Equal(1000, endpoints.Select(e => e.Id).Distinct().Count());
        var ready = Assert.Single(endpoints, e => e.Ready);
        Assert.Equal($"http://{Pod}:8080/", ready.Address.AbsoluteUri);
        Assert.Contains(Parse(slices[0]), e => e.Ready);
    }

    [Fact]
    public void Stable_1000In10_IsAllReadySoYarpHoldsThemAll()
    {
        var endpoints = new ConvergenceSlices(1000, 10).Stable(Pod).SelectMany(Parse).ToArray();

        Assert.Equal(1000, endpoints.Length);
        Assert.All(endpoints, e => Assert.True(e.Ready));
        Assert.Equal(1000, endpoints.Select(e => e.Id).Distinct().Count());
        Assert.Contains(endpoints, e => e.Address.Host == Pod);
    }

    [Fact]
    public void CanaryChange_RewritesSliceZeroOnly_WithTheNewPodReady()
    {
        var layout = new ConvergenceSlices(1000, 10);
        var before = layout.Canary(Pod);

        var change = layout.CanaryChange("127.5.0.10");

        Assert.Equal(before[0].Metadata.Name, change.Metadata.Name);
        Assert.Equal(100, change.Endpoints.Count);
        Assert.Equal("http://127.5.0.10:8080/", Assert.Single(Parse(change), e => e.Ready).Address.AbsoluteUri);
        Assert.Equal(before[0].Endpoints.Skip(1).Select(e => e.Addresses[0]), change.Endpoints.Skip(1).Select(e => e.Addresses[0]));
    }

    [Fact]
    public void Sizes_Uneven_PutTheRemainderFirst()
    {
        Assert.Equal([101, 100, 100, 100, 100, 100, 100, 100, 100, 100], new ConvergenceSlices(1001, 10).Sizes);
    }

    [Fact]
    public void OneEndpointOneSlice_IsTheOriginalBenchmark()
    {
        var layout = new ConvergenceSlices(1, 1);

        var stable = Assert.Single(layout.Stable("127.5.0.2"));
        var canary = Assert.Single(layout.Canary("127.5.0.3"));

        Assert.Equal(("stable", "canary"), (stable.Metadata.Name, canary.Metadata.Name));
        Assert.Equal(ConvergenceSlices.StableService, stable.Metadata.Labels["kubernetes.io/service-name"]);
        Assert.True(Assert.Single(Parse(canary)).Ready);
    }

    [Theory]
    [InlineData(0, 1, "--endpoints")]
    [InlineData(ConvergenceSlices.MaxEndpoints + 1, 20, "--endpoints")]
    [InlineData(1000, 0, "--slices")]
    [InlineData(10, 11, "--slices")]
    [InlineData(2001, 2, "--slices 2 would put more than 1000")]
    public void Validate_Impossible_NamesTheOption(int endpoints, int slices, string start)
    {
        Assert.StartsWith(start, ConvergenceSlices.Validate(endpoints, slices));
        Assert.Throws<ArgumentException>(() => new ConvergenceSlices(endpoints, slices));
    }

    [Fact]
    public void Validate_1000In10_IsFine() => Assert.Null(ConvergenceSlices.Validate(1000, 10));

    /// <summary>The slice as the gateway reads it.</summary>
    private static List<TrackEndpoint> Parse(k8s.Models.V1EndpointSlice slice) =>
        EndpointSliceParser.Parse(slice, Track.Canary, "http", out var problem) ?? throw new InvalidOperationException(problem);
}
