using System.Net;

namespace LoadTests.Growth;

/// <summary>One KubeApp process of the growth bench and the addresses it listens on.</summary>
/// <param name="Name">e.g. <c>stable-1</c>.</param>
/// <param name="Canary">Answers as version 2.0 (the canary track); otherwise 1.0.</param>
/// <param name="Addresses">Its "pod IPs", all on port <see cref="PodLayout.Port"/>.</param>
internal sealed record PodProcess(string Name, bool Canary, IReadOnlyList<IPAddress> Addresses)
{
    /// <summary>The value of KubeApp's <c>--urls</c>: every address, separated by ';'.</summary>
    public string Urls => string.Join(';', Addresses.Select(PodLayout.Url));
}
