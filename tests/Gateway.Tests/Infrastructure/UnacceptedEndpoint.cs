using System.Net;
using System.Net.Sockets;
using TestSupport;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A "pod" that stopped accepting connections (hung process, full accept queue): a listening socket with backlog 1
/// whose queue is filled by connections that are never accepted. Linux then drops further SYNs, so a connect to it
/// neither succeeds nor is refused; it hangs until the client's connect timeout.
/// </summary>
public sealed class UnacceptedEndpoint : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _queued;

    private UnacceptedEndpoint(IPAddress address, Socket listener, List<Socket> queued)
    {
        Address = address;
        _listener = listener;
        _queued = queued;
    }

    public IPAddress Address { get; }

    /// <summary>The destination URL, e.g. http://127.2.0.3:8080.</summary>
    public string Url => $"http://{Address}:{Loopback.PodPort}";

    public static async Task<UnacceptedEndpoint> StartAsync()
    {
        var address = Loopback.NextAddress(Backend.AddressRange);
        var endpoint = new IPEndPoint(address, Loopback.PodPort);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(endpoint);
        listener.Listen(1);

        // Linux queues backlog + 1 handshaken connections; fill the queue until a connect no longer completes. On
        // loopback a connect that can complete does so at once, so the probe's bound only ends the one that cannot.
        var queued = new List<Socket>();
        for (var i = 0; i < 8; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await client.ConnectAsync(endpoint, probe.Token);
                queued.Add(client);
            }
            catch (OperationCanceledException)
            {
                client.Dispose();
                return new UnacceptedEndpoint(address, listener, queued);
            }
        }

        throw new InvalidOperationException($"The accept queue of {endpoint} never filled ({queued.Count} connections queued).");
    }

    public void Dispose()
    {
        foreach (var socket in _queued)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }
}
