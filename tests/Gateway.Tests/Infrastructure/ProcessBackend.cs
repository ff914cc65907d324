using System.Net;
using TestSupport;

namespace Gateway.Tests.Infrastructure;

/// <summary>A KubeApp "pod" as a real process (so it can be killed without warning), on its own loopback address.</summary>
public sealed class ProcessBackend : IAsyncDisposable
{
    private ProcessBackend(ChildProcess process, IPAddress address)
    {
        Process = process;
        Address = address;
    }

    public ChildProcess Process { get; }

    public IPAddress Address { get; }

    public string Url => $"http://{Address}:{Loopback.PodPort}";

    public static async Task<ProcessBackend> StartAsync(string version)
    {
        var address = Loopback.NextAddress(Backend.AddressRange);
        var process = ChildProcess.Start(DotNetCli.Host,
            [Path.Combine(AppContext.BaseDirectory, "KubeApp.dll"), "--urls", $"http://{address}:{Loopback.PodPort}", "--KUBEAPP_VERSION", version],
            AppContext.BaseDirectory);
        await process.WaitForOutputAsync("Now listening on:", TimeSpan.FromSeconds(30));
        return new ProcessBackend(process, address);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
