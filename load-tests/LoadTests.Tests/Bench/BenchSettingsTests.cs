using LoadTests.Bench;

namespace LoadTests.Tests.Bench;

public sealed class BenchSettingsTests
{
    [Fact]
    public void Problem_Defaults_None()
    {
        Assert.Null(Settings().Problem());
    }

    [Fact]
    public void Problem_TlsWithNginxTlsConfig_None()
    {
        Assert.Null((Settings() with { Tls = true, NginxTlsConfig = "/x/tls.conf" }).Problem());
        Assert.Null((Settings() with { TlsOnly = true, NginxTlsConfig = "/x/tls.conf" }).Problem());
    }

    [Fact]
    public void Problem_NginxTlsConfigWithoutTls_NamesBothOptions()
    {
        var problem = (Settings() with { NginxTlsConfig = "/x/tls.conf" }).Problem();

        Assert.Equal("--nginx-tls-conf needs --tls or --tls-only", problem);
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(4, 0)]
    [InlineData(-1, 16)]
    public void Problem_NoH2ClientsOrStreams_NamesTheOptions(int clients, int streams)
    {
        var problem = (Settings() with { Tls = true, H2Clients = clients, H2Streams = streams }).Problem();

        Assert.Equal("--h2-clients and --h2-streams must be at least 1", problem);
    }

    [Fact]
    public void Problem_NoRounds_NamesTheOption()
    {
        Assert.Contains("--rounds", (Settings() with { Rounds = 0 }).Problem(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(18586)] // + 4 = 18590, plain nginx
    [InlineData(18588)] // + 2 = 18590, + 4 = 18592
    [InlineData(18591)] // + 1 = 18592, TLS nginx only
    [InlineData(18592)]
    public void Problem_TlsPortsOverlappingNginx_NamesTheGatewayPort(int port)
    {
        var problem = (Settings(port) with { Tls = true }).Problem();

        Assert.NotNull(problem);
        Assert.StartsWith($"--gateway-port {port}: the bench uses it and the next 4 ports", problem, StringComparison.Ordinal);
        Assert.Contains("18592", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(18586)] // uses 18586–18588 without TLS
    [InlineData(18591)] // uses 18591–18593 without TLS, so not plain nginx's 18590; TLS nginx is not started
    public void Problem_PlainPortsClearOfNginx_NoneWithoutTls(int port)
    {
        Assert.Null(Settings(port).Problem());
    }

    [Fact]
    public void Problem_PlainPortsOverlappingNginx_NamesTheNextTwoPorts()
    {
        Assert.StartsWith("--gateway-port 18588: the bench uses it and the next 2 ports", Settings(18588).Problem(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(65534, false)] // bare YARP would be 65536
    [InlineData(65532, true)] // bare YARP HTTPS would be 65536
    public void Problem_PortsBeyond65535_NamesTheGatewayPort(int port, bool tls)
    {
        var problem = (Settings(port) with { Tls = tls }).Problem();

        Assert.StartsWith($"--gateway-port {port}:", problem, StringComparison.Ordinal);
        Assert.Contains("65535", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, true, false)]
    [InlineData(true, false, true, true)]
    [InlineData(false, true, false, true)]
    [InlineData(true, true, false, true)]
    public void Measures_PlainUnlessTlsOnly_TlsWithEither(bool tls, bool tlsOnly, bool plain, bool measuresTls)
    {
        var settings = Settings() with { Tls = tls, TlsOnly = tlsOnly };

        Assert.Equal((plain, measuresTls), (settings.MeasuresPlain, settings.MeasuresTls));
    }

    /// <summary>Settings as the command builds them from --gateway-port.</summary>
    private static BenchSettings Settings(int port = 18580) => new()
    {
        RepoRoot = "/repo",
        NginxConfig = "/shared/bench/nginx-canary.conf",
        GatewayPort = port,
        ManagementPort = port + 1,
        BareYarpPort = port + 2,
        GatewayHttpsPort = port + 3,
        BareYarpHttpsPort = port + 4,
    };
}
