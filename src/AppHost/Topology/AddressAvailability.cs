using System.Net;
using System.Net.Sockets;

namespace AppHost.Topology;

/// <summary>
/// Checks, just before the processes start, that no one else listens on the topology's addresses. Without it a pod
/// that cannot bind exits while its health check answers from whatever holds the address (another app host, or a
/// KubeApp on <c>*:8080</c>), and the gateway routes there.
/// </summary>
internal static class AddressAvailability
{
    /// <summary>Fails the start, naming every address in use, when the topology's addresses are not all free.</summary>
    public static void CheckBeforeStart(this IDistributedApplicationBuilder builder, IReadOnlyList<(string Key, Uri Url)> addresses)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return;
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            var taken = addresses.Where(a => !IsFree(a.Url)).Select(a => $"{a.Url.Authority} ({TopologyOptions.SectionName}:{a.Key})").ToList();
            if (taken.Count > 0)
            {
                throw new DistributedApplicationException(
                    $"Already in use: {string.Join(", ", taken)}. Stop what listens there (another app host, or a KubeApp " +
                    "on *:8080) or move the topology with the Topology:* settings.");
            }

            return Task.CompletedTask;
        });
    }

    private static bool IsFree(Uri url)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(url.Host), url.Port);
            listener.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }
}
