using LoadTests.Bench;

namespace LoadTests.Tests.Bench;

public sealed class BenchSummarizerTests
{
    [Fact]
    public void Ratios_TlsTargets_GatewayOverNginxForHttpsH1AndH2()
    {
        var summary = BenchSummarizer.Summarize(
        [
            Round("gateway · https h1", 8000, cpu: 150),
            Round("nginx · https h1", 10000, cpu: 100),
            Round("gateway · h2", 9000, cpu: 120),
            Round("nginx · h2", 12000, cpu: 80),
        ]);

        var ratios = BenchSummarizer.Ratios(summary).ToDictionary(r => r.Name);

        Assert.Equal(0.8, ratios["gateway / nginx · https h1"].Rps, 6);
        Assert.Equal(1.5, ratios["gateway / nginx · https h1"].CpuPerRequest!.Value, 6);
        Assert.Equal(0.75, ratios["gateway / nginx · h2"].Rps, 6);
        Assert.Equal(1.5, ratios["gateway / nginx · h2"].CpuPerRequest!.Value, 6);
        // No plain or bare YARP targets were measured, so no ratio names them.
        Assert.Equal(2, ratios.Count);
    }

    [Fact]
    public void Ratios_TlsAndPlain_TlsCostPerServer()
    {
        var summary = BenchSummarizer.Summarize(
        [
            Round("gateway · returning", 10000, cpu: 100),
            Round("gateway · https h1", 8000, cpu: 125),
        ]);

        var ratio = Assert.Single(BenchSummarizer.Ratios(summary));

        Assert.Equal("gateway https h1 / http · returning", ratio.Name);
        Assert.Equal(0.8, ratio.Rps, 6);
        Assert.Equal(1.25, ratio.CpuPerRequest!.Value, 6);
    }

    private static RoundResult Round(string target, double rps, double cpu) =>
        new(target, 1, (long)rps * 10, 10, rps, 1, 2, 3, 4, 0, "", cpu, 1024);
}
