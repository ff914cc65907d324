using System.Globalization;
using Manifests.Tests.Infrastructure;
using TestSupport;

namespace Manifests.Tests;

/// <summary>
/// No Docker engine runs here, so Dockerfile.gateway's contract is checked as text, and its build stage is run by
/// <see cref="DockerfileGatewayBuildTests"/>.
/// </summary>
public sealed class DockerfileGatewayTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load(RepoPaths.Combine("Dockerfile.gateway"));

    [Fact]
    public void DockerfileGateway_BuildStage_RestoresThenPublishesTheGatewayInRelease()
    {
        var build = _dockerfile.BuildStage;
        var steps = build.Select(i => $"{i.Keyword} {i.Arguments}").ToList();
        var arch = steps.IndexOf("ARG TARGETARCH");
        var restore = steps.IndexOf("RUN dotnet restore src/Gateway/Gateway.csproj -a $TARGETARCH");
        var copySources = steps.IndexOf("COPY src/Gateway/ src/Gateway/");
        var publish = steps.IndexOf("RUN dotnet publish src/Gateway/Gateway.csproj -c Release -a $TARGETARCH --no-self-contained -p:PublishReadyToRun=true -o /app --no-restore");

        Assert.Matches("^mcr.microsoft.com/dotnet/sdk:10\\.0 AS build$", build[0].Arguments);
        // Restore from the csproj alone (a layer cached until a package changes), then copy the sources, then publish.
        // ReadyToRun for the architecture BuildKit builds (restore must name it too: the runtime pack and crossgen).
        Assert.True(arch >= 0 && restore > arch && copySources > restore && publish > copySources, string.Join('\n', steps));
    }

    [Fact]
    public void DockerfileGateway_BuildStage_CopiesTheBuildSettingsButNotGlobalJson()
    {
        // global.json pins this repository's SDK band; the image brings its own 10.0 SDK.
        Assert.DoesNotContain(_dockerfile.BuildStage, i => i.Keyword == "COPY" && i.Arguments.Contains("global.json", StringComparison.Ordinal));
        Assert.Contains(_dockerfile.BuildStage, i => i is { Keyword: "COPY", Arguments: "Directory.Build.props Directory.Packages.props .editorconfig ./" });
    }

    [Fact]
    public void DockerfileGateway_RuntimeStage_IsAspNetAsNonRootRunningGatewayDll()
    {
        var runtime = _dockerfile.RuntimeStage;

        Assert.Matches("^mcr.microsoft.com/dotnet/aspnet:10\\.0( AS \\w+)?$", runtime[0].Arguments);
        Assert.Contains(runtime, i => i is { Keyword: "COPY", Arguments: "--from=build /app ./" });
        Assert.Contains(runtime, i => i is { Keyword: "USER", Arguments: "$APP_UID" });
        Assert.DoesNotContain(runtime, i => i.Keyword == "USER" && i.Arguments is "root" or "0");
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"Gateway.dll\"]", $"{runtime[^1].Keyword} {runtime[^1].Arguments}");
    }

    [Fact]
    public void DockerfileGateway_Expose_ListsTheGatewayDeploymentContainerPorts()
    {
        var expose = Assert.Single(_dockerfile.RuntimeStage, i => i.Keyword == "EXPOSE");
        var deploymentPorts = new GatewayManifests().Container.Ports.Select(p => p.ContainerPort.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(["8080", "8443", "9090"], expose.Words);
        Assert.Equal(deploymentPorts, expose.Words);
    }

    [Fact]
    public void DockerfileGateway_Environment_ClearsTheBaseImageHttpPorts()
    {
        // The gateway binds Gateway:Listen itself; a leftover ASPNETCORE_HTTP_PORTS=8080 only earns a Kestrel warning.
        Assert.Equal("", Dockerfile.EnvironmentOf(_dockerfile.RuntimeStage)["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void Dockerignore_BuildContext_ExcludesBuildOutputAndTests()
    {
        var ignore = DockerIgnore.Load(RepoPaths.Combine(".dockerignore"));

        Assert.True(ignore.IsIgnored("src/Gateway/bin/Debug/net10.0/Gateway.dll"));
        Assert.True(ignore.IsIgnored("src/Gateway/obj/project.assets.json"));
        Assert.True(ignore.IsIgnored("tests/Manifests.Tests/Manifests.Tests.csproj"));
        Assert.False(ignore.IsIgnored("src/Gateway/Program.cs"));
    }
}
