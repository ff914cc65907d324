using System.Globalization;
using System.Net;
using k8s.Models;
using Manifests.Tests.Infrastructure;
using TestSupport;

namespace Manifests.Tests;

/// <summary>
/// Runs Dockerfile.gateway's build stage as <c>docker build</c> would (only what it COPYs, then its RUN steps), then
/// starts what the runtime stage would run with the image's environment and asks it the Deployment's probes.
/// </summary>
public sealed class DockerfileGatewayBuildTests(DockerfileGatewayBuildTests.BuildFixture build) : IClassFixture<DockerfileGatewayBuildTests.BuildFixture>
{
    /// <summary>This assembly's second octet of 127.x.y.z (see <see cref="Loopback"/>).</summary>
    private const byte AddressRange = 7;

    [Fact]
    public void BuildStage_RunInACopyOfTheContext_PublishesGatewayDllWhereTheRuntimeStageCopiesFrom()
    {
        Assert.True(File.Exists(Path.Combine(build.Output, "Gateway.dll")), $"Gateway.dll missing in {build.Output}");
        Assert.True(File.Exists(Path.Combine(build.Output, "Gateway.runtimeconfig.json")));
        Assert.True(File.Exists(Path.Combine(build.Output, "KubernetesClient.dll")));
    }

    [Theory]
    [InlineData("Gateway.dll")]
    [InlineData("Yarp.ReverseProxy.dll")]
    [InlineData("KubernetesClient.dll")]
    public void BuildStage_PublishesReadyToRunCode(string assembly)
    {
        // A ReadyToRun image carries native code in a ManagedNativeHeader; a plain IL build has none.
        using var stream = File.OpenRead(Path.Combine(build.Output, assembly));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        Assert.True(pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} is not ReadyToRun");
    }

    [Fact]
    public async Task PublishedGateway_StartedWithTheImageEnvironment_AnswersTheDeploymentProbesOnTheManagementPort()
    {
        var gateway = new GatewayManifests();
        var management = gateway.ContainerPort("management");
        var address = Loopback.NextAddress(AddressRange, management);
        var environment = new Dictionary<string, string?>
        {
            // What mcr.microsoft.com/dotnet/aspnet sets, then what Dockerfile.gateway sets on top.
            ["ASPNETCORE_HTTP_PORTS"] = "8080",
        };
        foreach (var (key, value) in Dockerfile.EnvironmentOf(build.Dockerfile.RuntimeStage))
        {
            environment[key] = value;
        }

        // The ConfigMap's settings need a cluster and the TLS secret; static tracks and loopback listeners stand in.
        environment["Gateway__Discovery"] = "Static";
        environment["Gateway__Tracks__Stable__Destinations__0"] = $"http://{address}:18080";
        environment["Gateway__Tracks__Canary__Destinations__0"] = $"http://{address}:18081";
        environment["Gateway__Listen__Http"] = $"http://{address}:{gateway.ContainerPort("http")}";
        environment["Gateway__Listen__Https"] = "";
        environment["Gateway__Listen__Management"] = $"http://{address}:{management}";

        await using var process = ChildProcess.Start(DotNetCli.Host, [Path.Combine(build.Output, "Gateway.dll")], build.Output, environment);
        await process.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(30));

        using var client = new HttpClient { BaseAddress = new Uri($"http://{address}:{management}") };
        foreach (var probe in new[] { gateway.Container.LivenessProbe, gateway.Container.ReadinessProbe })
        {
            Assert.Equal(management, Pods.ResolvePort(gateway.Container, probe.HttpGet.Port)?.ContainerPort);
            using var response = await client.GetAsync(new Uri(probe.HttpGet.Path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{probe.HttpGet.Path}: {(int)response.StatusCode}\n{process.Output}");
        }

        Assert.DoesNotContain("Overriding address", process.Output, StringComparison.Ordinal);
    }

    /// <summary>Runs the build stage once for the class, in a scratch directory that is deleted afterwards.</summary>
    public sealed class BuildFixture : IAsyncLifetime
    {
        private readonly string _scratch = Path.Combine(Path.GetTempPath(), "gateway-image-" + Guid.NewGuid().ToString("N"));

        public Dockerfile Dockerfile { get; } = Dockerfile.Load(RepoPaths.Combine("Dockerfile.gateway"));

        /// <summary>The build stage's directory the runtime stage copies (<c>COPY --from=build /app ./</c>).</summary>
        public string Output { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var copy = Assert.Single(Dockerfile.RuntimeStage, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
            Output = DockerBuildStage.MapPath(_scratch, copy.Words[1]);
            await DockerBuildStage.RunAsync(Dockerfile.BuildStage, RepoPaths.Root, _scratch);
        }

        public Task DisposeAsync()
        {
            DotNetCli.TryDelete(_scratch);
            return Task.CompletedTask;
        }
    }
}
