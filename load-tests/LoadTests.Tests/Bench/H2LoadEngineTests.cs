using LoadTests.Bench;

namespace LoadTests.Tests.Bench;

public sealed class H2LoadEngineTests
{
    private static readonly BenchTarget GatewayH2 = new("gateway · h2", "gateway", true, new Uri("https://127.0.0.1:18583/"), 1, Http2: true);

    [Fact]
    public void Arguments_ConnectToTheTargetButNameFooBarInSniAndAuthority()
    {
        var args = new H2LoadEngine("/usr/bin/h2load", 4, 16, 2, "/tmp/x").Arguments(GatewayH2, TimeSpan.FromSeconds(15), "/tmp/x/log.tsv");

        Assert.Equal("127.0.0.1:18583", After(args, "--connect-to"));
        Assert.Equal("https://foo.bar:18583/", args[^1]);
        var headers = args.Select((a, i) => (a, i)).Where(p => p.a == "-H").Select(p => args[p.i + 1]).ToArray();
        Assert.Contains(":authority: foo.bar", headers);
        Assert.Contains($"cookie: canary-bucket={H2LoadEngine.Bucket}", headers);
        Assert.Equal("/tmp/x/log.tsv", After(args, "--log-file"));
    }

    [Fact]
    public void Arguments_ClientsStreamsAndDurationInMilliseconds()
    {
        var args = new H2LoadEngine("/usr/bin/h2load", 4, 16, 2, "/tmp/x").Arguments(GatewayH2, TimeSpan.FromSeconds(2.5), "log");

        Assert.Equal("4", After(args, "-c"));
        Assert.Equal("16", After(args, "-m"));
        Assert.Equal("2", After(args, "-t"));
        Assert.Equal("2500ms", After(args, "-D"));
    }

    [Fact]
    public void Arguments_OfferOneCipherSuite_SoEveryServerEncryptsAlike()
    {
        var args = new H2LoadEngine("/usr/bin/h2load", 4, 16, 2, "/tmp/x").Arguments(GatewayH2, TimeSpan.FromSeconds(1), "log");

        Assert.Equal("TLS_AES_128_GCM_SHA256", After(args, "--tls13-ciphers"));
        Assert.Equal("ECDHE-ECDSA-AES128-GCM-SHA256", After(args, "--ciphers"));
    }

    [Fact]
    public void Arguments_NoMoreThreadsThanConnections()
    {
        var args = new H2LoadEngine("/usr/bin/h2load", 1, 64, 2, "/tmp/x").Arguments(GatewayH2, TimeSpan.FromSeconds(1), "log");

        Assert.Equal("1", After(args, "-t"));
    }

    [Fact]
    public void Arguments_NewUsers_SendNoCookie()
    {
        var args = new H2LoadEngine("/usr/bin/h2load", 4, 16, 2, "/tmp/x").Arguments(GatewayH2 with { Returning = false }, TimeSpan.FromSeconds(1), "log");

        Assert.DoesNotContain(args, a => a.StartsWith("cookie:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Bucket_IsAStableReturningUserAtWeight25()
    {
        Assert.Contains(H2LoadEngine.Bucket, BenchTarget.ReturningBuckets);
        Assert.True(H2LoadEngine.Bucket >= 2500);
    }

    private static string After(IReadOnlyList<string> args, string option)
    {
        var i = args.ToList().IndexOf(option);
        Assert.True(i >= 0 && i + 1 < args.Count, $"{option} missing from: {string.Join(' ', args)}");
        return args[i + 1];
    }
}
