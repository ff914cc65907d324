using System.Net;
using LoadTests.Growth;

namespace LoadTests.Tests.Growth;

public sealed class PodLayoutTests
{
    [Fact]
    public void For_1000_GivesAQuarterToTheCanaryAndSpreadsStableEvenly()
    {
        var layout = PodLayout.For(1000);

        Assert.Equal(["stable-1", "stable-2", "stable-3", "canary"], layout.Processes.Select(p => p.Name));
        Assert.Equal([250, 250, 250, 250], layout.Processes.Select(p => p.Addresses.Count));
        Assert.Equal([false, false, false, true], layout.Processes.Select(p => p.Canary));
        Assert.Equal(750, layout.Destinations(canary: false, all: true).Count);
        Assert.Equal(250, layout.Destinations(canary: true, all: true).Count);
        Assert.Equal(1000, layout.Count);
    }

    [Fact]
    public void For_UnevenCount_HandsOutEveryAddressOnce()
    {
        var layout = PodLayout.For(10);

        // A quarter of 10 rounds down to 2 canary; 8 stable as 3 + 3 + 2.
        Assert.Equal([3, 3, 2, 2], layout.Processes.Select(p => p.Addresses.Count));
        var all = layout.Processes.SelectMany(p => p.Addresses).ToArray();
        Assert.Equal(10, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 10).Select(PodLayout.Address), all);
    }

    [Fact]
    public void For_Four_IsTheBenchShape()
    {
        var layout = PodLayout.For(4);

        Assert.All(layout.Processes, p => Assert.Single(p.Addresses));
        Assert.Equal(layout.Destinations(canary: false, all: true), layout.Destinations(canary: false, all: false));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(PodLayout.MaxEndpoints + 1)]
    public void For_OutOfRange_Throws(int endpoints) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PodLayout.For(endpoints));

    [Fact]
    public void Destinations_Small_IsTheFirstAddressOfEachProcessAndPartOfTheLarge()
    {
        var layout = PodLayout.For(1000);

        var smallStable = layout.Destinations(canary: false, all: false);
        var smallCanary = layout.Destinations(canary: true, all: false);

        Assert.Equal(["http://127.20.0.2:8080", "http://127.20.1.2:8080", "http://127.20.2.2:8080"], smallStable);
        Assert.Equal(["http://127.20.3.2:8080"], smallCanary);
        Assert.Subset(layout.Destinations(canary: false, all: true).ToHashSet(), smallStable.ToHashSet());
        Assert.Subset(layout.Destinations(canary: true, all: true).ToHashSet(), smallCanary.ToHashSet());
    }

    [Theory]
    [InlineData(0, "127.20.0.2")]
    [InlineData(249, "127.20.0.251")]
    [InlineData(250, "127.20.1.2")]
    [InlineData(PodLayout.MaxEndpoints - 1, "127.20.255.251")]
    public void Address_FillsEachThirdOctetWith250(int n, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), PodLayout.Address(n));

    [Fact]
    public void Urls_ListsEveryAddressForKestrelSeparatedBySemicolons()
    {
        var process = PodLayout.For(8).Processes[0];

        Assert.Equal("http://127.20.0.2:8080;http://127.20.0.3:8080", process.Urls);
    }
}
