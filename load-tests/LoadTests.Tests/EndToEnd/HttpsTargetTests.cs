using LoadTests.Cli;
using LoadTests.Tests.Infrastructure;
using LoadTests.Topology;
using TestSupport;
using Xunit.Abstractions;

namespace LoadTests.Tests.EndToEnd;

/// <summary>
/// HTTPS through <c>--resolve</c>: the URL keeps the host name (so Host and TLS SNI are foo.bar) while connections go to
/// 127.0.0.1; the gateway's self-signed CA is trusted with <c>--cacert</c>.
/// </summary>
public sealed class HttpsTargetTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _caPath = Path.Combine(Directory.CreateTempSubdirectory("canary-load-ca-").FullName, "ca.crt");
    private InProcessTopology _topology = null!;

    public async Task InitializeAsync() => _topology = await InProcessTopology.StartAsync(
        [Loopback.NextAddress(SplitTopologyFixture.AddressRange)],
        [Loopback.NextAddress(SplitTopologyFixture.AddressRange)],
        ["Gateway:Canary:Weight=25", "Gateway:Tls:SelfSigned=true", $"Gateway:Tls:SelfSignedCertificatePath={_caPath}"],
        https: true);

    public async Task DisposeAsync() => await _topology.DisposeAsync();

    [Fact]
    public async Task Split_HttpsWithResolveAndCacert_Passes()
    {
        var url = $"https://foo.bar:{_topology.HttpsUrl!.Port}/";
        var run = await Tool.RunAsync(["split", "--url", url, "--resolve", "foo.bar=127.0.0.1", "--cacert", _caPath, "--users", "40", "--arrival-rate", "0", "--requests", "3"]);
        output.WriteLine(run.Output);

        Assert.Equal(ExitCodes.Passed, run.ExitCode);
        Assert.Equal(120, run.Report.GetProperty("totals").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Split_HttpsWithoutTrust_TlsErrors()
    {
        var url = $"https://foo.bar:{_topology.HttpsUrl!.Port}/";
        var run = await Tool.RunAsync(["split", "--url", url, "--resolve", "foo.bar=127.0.0.1", "--users", "2", "--arrival-rate", "0", "--requests", "1"]);
        output.WriteLine(run.Output);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal(2, run.Report.GetProperty("totals").GetProperty("errorsByKind").GetProperty("tls").GetInt64());
    }
}
