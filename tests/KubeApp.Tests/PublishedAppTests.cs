using System.Net;
using TestSupport;

namespace KubeApp.Tests;

/// <summary>
/// Runs the step Dockerfile.app runs (<c>dotnet publish src/KubeApp -p:Version=2.0</c>) and the published binary as a
/// real process on a loopback "pod IP", proving the build-time version reaches the binary.
/// </summary>
public sealed class PublishedAppTests : IAsyncLifetime
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "kubeapp-2.0-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => DotNetCli.PublishAsync("src/KubeApp/KubeApp.csproj", _output, "-p:Version=2.0");

    public Task DisposeAsync()
    {
        DotNetCli.TryDelete(_output);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PublishedWithVersion20_RunAsProcess_ServesVersion20AndStopsCleanlyOnSigterm()
    {
        var address = Loopback.NextAddress(range: 1);
        var url = $"http://{address}:{Loopback.PodPort}";
        await using var app = ChildProcess.Start(DotNetCli.Host, [Path.Combine(_output, "KubeApp.dll"), "--urls", url], _output);
        await app.WaitForOutputAsync("Now listening on:", TimeSpan.FromSeconds(30));

        using var client = new HttpClient { BaseAddress = new Uri(url) };
        using var version = await client.GetAsync(new Uri("/version", UriKind.Relative));
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal("2.0\n", await version.Content.ReadAsStringAsync());
        Assert.Equal("Congratulations! Version 2.0 of your application is running on Kubernetes.", home);

        app.Terminate();
        await app.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, app.ExitCode);
        Assert.Contains("Application is shutting down", app.Output, StringComparison.Ordinal);
    }
}
