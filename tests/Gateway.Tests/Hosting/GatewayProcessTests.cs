using TestSupport;

namespace Gateway.Tests.Hosting;

/// <summary>The gateway as a real process: bad configuration stops it with one line and a non-zero exit code.</summary>
public sealed class GatewayProcessTests
{
    private static string GatewayDll => Path.Combine(AppContext.BaseDirectory, "Gateway.dll");

    [Theory]
    [InlineData("--Gateway:Canary:Weight=150", "gateway: invalid configuration: Gateway:Canary:Weight must be a percentage between 0 and 100, got '150'.")]
    [InlineData("--Gateway:Discovery=Static", "gateway: invalid configuration: Gateway:Tracks:Stable:Destinations must list at least one URL such as http://127.0.0.2:8080 in Static discovery mode (Gateway:Discovery).")]
    [InlineData("--Gateway:Tls:RedirectHttp=true", "gateway: invalid configuration: Gateway:Tls:RedirectHttp is true but no certificate is configured (Gateway:Tls:CertificatePath and Gateway:Tls:KeyPath, or Gateway:Tls:SelfSigned): nothing would answer on HTTPS; configure one or set Gateway:Tls:RedirectHttp=false.")]
    public async Task Start_InvalidConfiguration_PrintsOneLineAndExits2(string setting, string expectedLine)
    {
        var arguments = new List<string> { GatewayDll, setting, "--Gateway:Listen:Http=http://127.0.0.1:0", "--Gateway:Listen:Management=http://127.0.0.1:0" };
        if (!setting.StartsWith("--Gateway:Discovery", StringComparison.Ordinal))
        {
            arguments.Add("--Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080");
            arguments.Add("--Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080");
        }

        var (exitCode, output) = await ChildProcess.RunAsync(DotNetCli.Host, arguments, TimeSpan.FromSeconds(60), AppContext.BaseDirectory);

        Assert.Equal(2, exitCode);
        Assert.Equal(expectedLine, output.Trim());
    }

    [Fact]
    public async Task Start_MisspeltKeyInEnvironment_PrintsOneLineNamingItAndExits2()
    {
        var (exitCode, output) = await ChildProcess.RunAsync(DotNetCli.Host,
            [GatewayDll, "--Gateway:Listen:Http=http://127.0.0.1:0", "--Gateway:Listen:Management=http://127.0.0.1:0"],
            TimeSpan.FromSeconds(60), AppContext.BaseDirectory,
            new Dictionary<string, string?>
            {
                ["Gateway__Tracks__Stable__Destinations__0"] = "http://127.0.0.2:8080",
                ["Gateway__Tracks__Canary__Destinations__0"] = "http://127.0.0.5:8080",
                ["Gateway__Canary__Wieght"] = "25",
            });

        Assert.Equal(2, exitCode);
        Assert.Equal("gateway: invalid configuration: Gateway:Canary:Wieght is not a known setting (misspelt, or in the wrong section?).", output.Trim());
    }

    [Fact]
    public async Task Start_PortInUse_PrintsOneLineAndExits1()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;

        var (exitCode, output) = await ChildProcess.RunAsync(DotNetCli.Host,
            [GatewayDll, $"--Gateway:Listen:Http=http://127.0.0.1:{port}", "--Gateway:Listen:Management=http://127.0.0.1:0",
             "--Gateway:Tracks:Stable:Destinations:0=http://127.0.0.2:8080", "--Gateway:Tracks:Canary:Destinations:0=http://127.0.0.5:8080", "--Logging:LogLevel:Default=None"],
            TimeSpan.FromSeconds(60), AppContext.BaseDirectory);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("gateway: failed to start: ", output.Trim(), StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", output, StringComparison.Ordinal);
    }
}
