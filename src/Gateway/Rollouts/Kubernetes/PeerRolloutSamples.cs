using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace Gateway.Rollouts.Kubernetes;

/// <summary>
/// Kubernetes mode: this replica's sample plus every other ready peer's <c>GET /rollout/sample</c>, read in parallel,
/// each within a timeout. A peer that cannot be read makes <see cref="SampleSet.Missing"/> say why, and the check waits:
/// judging on part of the traffic could pass a canary whose errors all went through the unreachable replica.
/// </summary>
internal sealed class PeerRolloutSamples : IRolloutSamples
{
    // A sample is a few kilobytes; anything much larger is not one.
    private const int MaxDocumentBytes = 256 * 1024;

    private readonly RolloutPeers _peers;
    private readonly string _self;
    private readonly LocalRolloutSamples _local;
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public PeerRolloutSamples(RolloutPeers peers, string self, LocalRolloutSamples local, HttpClient client, TimeSpan timeout)
    {
        _peers = peers;
        _self = self;
        _local = local;
        _client = client;
        _timeout = timeout;
    }

    public async Task<SampleSet> GatherAsync(CancellationToken cancellationToken)
    {
        var local = _local.Read();
        if (!_peers.Synced)
        {
            return new SampleSet([local], $"the peers (EndpointSlices of Service {_peers.Service}) have not been listed yet");
        }

        var peers = _peers.Current;
        if (!peers.Any(p => string.Equals(p.Identity, _self, StringComparison.Ordinal)))
        {
            // The directory does not list the replica reading it: the Service is missing, its selector or port name is
            // wrong, or it is still catching up. Which other replicas serve users is unknown, so nothing is judged.
            return new SampleSet([local], $"this replica ({_self}) is not among the ready endpoints of Service {_peers.Service} (port '{RolloutObjectNames.ManagementPort}'), so the other replicas cannot be counted: check the Service exists and selects the gateway pods");
        }

        var others = peers.Where(p => !string.Equals(p.Identity, _self, StringComparison.Ordinal)).ToArray();
        var answers = await Task.WhenAll(others.Select(peer => ReadAsync(peer, cancellationToken)));

        var samples = ImmutableArray.CreateBuilder<PeerSample>(answers.Length + 1);
        samples.Add(local);
        string? missing = null;
        var failed = 0;
        foreach (var (sample, problem) in answers)
        {
            if (sample is not null)
            {
                samples.Add(sample);
            }
            else
            {
                missing ??= problem;
                failed++;
            }
        }

        if (failed > 1)
        {
            missing += string.Create(CultureInfo.InvariantCulture, $" (and {failed - 1} more peer(s) not read)");
        }

        return new SampleSet(samples.ToImmutable(), missing);
    }

    private async Task<(PeerSample? Sample, string? Problem)> ReadAsync(RolloutPeer peer, CancellationToken cancellationToken)
    {
        var uri = new Uri(peer.Management, "/rollout/sample");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        string reason;
        try
        {
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                reason = $"answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            else if (response.Content.Headers.ContentLength > MaxDocumentBytes)
            {
                reason = $"answered {response.Content.Headers.ContentLength} bytes, more than a sample can be";
            }
            else
            {
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                var sample = RolloutSampleDocument.TryParse(body, out var error);
                reason = sample is null ? $"bad sample: {error}"
                    : !string.Equals(sample.Identity, peer.Identity, StringComparison.Ordinal) ? $"answered as '{sample.Identity}' (an address reused by another pod?)"
                    : "";
                if (reason.Length == 0)
                {
                    return (sample, null);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"no answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            reason = ex.Message.ReplaceLineEndings(" ");
        }

        return (null, $"peer {peer.Identity} ({peer.Management.GetLeftPart(UriPartial.Authority)}): {reason}");
    }
}
