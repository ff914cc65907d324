using TestSupport;

namespace KubeApp.Tests;

/// <summary>No Docker engine runs here, so the Dockerfile's contract is checked as text and its publish step is run by <see cref="PublishedAppTests"/>.</summary>
public sealed class DockerfileTests
{
    private readonly string[] _lines = File.ReadAllLines(RepoPaths.Combine("Dockerfile.app"));

    [Fact]
    public void DockerfileApp_VersionArgument_DefaultsToOnePointZeroAndReachesPublish()
    {
        Assert.Contains("ARG version=1.0", _lines);
        var publish = Assert.Single(_lines, l => l.StartsWith("RUN dotnet publish src/KubeApp/KubeApp.csproj", StringComparison.Ordinal));
        Assert.Contains("-p:Version=${version}", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerfileApp_RuntimeStage_IsSmallNonRootAndExposes8080()
    {
        Assert.Contains(_lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal) && l.EndsWith(" AS build", StringComparison.Ordinal));
        Assert.Contains(_lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", StringComparison.Ordinal));
        Assert.Contains("USER $APP_UID", _lines);
        Assert.Contains("EXPOSE 8080", _lines);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"KubeApp.dll\"]", _lines);
    }
}
