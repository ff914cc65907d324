using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Canary;
using Gateway.Rollouts;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Rollouts.Replicas;

/// <summary>
/// One gateway replica of a <see cref="RolloutCluster"/>: a whole gateway in this process, its management port on its
/// own loopback address at 9090 (as in the manifests), named like a pod.
/// </summary>
public sealed class RolloutReplica : IAsyncDisposable
{
    private readonly RolloutWeight _weight;
    private readonly CanaryRulesProvider _rules;
    private bool _disposed;

    internal RolloutReplica(string identity, IPAddress address, GatewayInstance gateway)
    {
        Identity = identity;
        Address = address;
        Gateway = gateway;
        Management = new HttpClient { BaseAddress = new Uri($"http://{address}:{RolloutCluster.ManagementPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Public = gateway.CreateRawClient();
        _weight = gateway.Service<RolloutWeight>();
        _rules = gateway.Service<CanaryRulesProvider>();
        _weight.Changed += OnWeightChanged;

        // A replica that started in the middle of a rollout applied its weight before anyone could listen.
        OnWeightChanged();
    }

    public string Identity { get; }

    public IPAddress Address { get; }

    public GatewayInstance Gateway { get; }

    /// <summary>The management port (http://address:9090).</summary>
    public HttpClient Management { get; }

    /// <summary>The public port, no cookies kept.</summary>
    public HttpClient Public { get; }

    /// <summary>Every weight the rollout set on this replica, with the <see cref="Stopwatch"/> timestamp it applied at.</summary>
    public ConcurrentQueue<(double Weight, long At)> AppliedWeights { get; } = new();

    internal RolloutController Controller => Gateway.Service<RolloutController>();

    internal IRolloutStore Store => Gateway.Service<IRolloutStore>();

    internal ILeadership Leadership => Gateway.Service<ILeadership>();

    /// <summary>The routing weight in effect now.</summary>
    public double Weight => _rules.Current.EffectiveWeight;

    public bool IsLeader => !_disposed && Leadership.IsLeader;

    public async Task<JsonElement> GetRolloutAsync()
    {
        using var response = await Management.GetAsync("/rollout");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string command, string? token = RolloutCluster.Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/rollout/{command}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Management.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone());
    }

    /// <summary>Completes when this replica's state satisfies <paramref name="condition"/> (now or at a later change).</summary>
    internal async Task<RolloutState> WaitForStateAsync(Func<RolloutState, bool> condition, TimeSpan timeout, string what)
    {
        var reached = new TaskCompletionSource<RolloutState>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(RolloutState state)
        {
            if (condition(state))
            {
                reached.TrySetResult(state);
            }
        }

        var store = Store;
        store.Changed += OnChanged;
        try
        {
            OnChanged(store.Current);
            var done = await Task.WhenAny(reached.Task, Task.Delay(timeout));
            return done == reached.Task ? await reached.Task
                : throw new TimeoutException($"{Identity}: {what} not reached within {timeout}; state: phase {store.Current.Phase}, step {store.Current.Step}, reason '{store.Current.Reason}'; last check here: {(Controller.Document().Checks is { Count: > 0 } checks ? $"{checks[^1].Verdict} {checks[^1].Why}" : "none")}");
        }
        finally
        {
            store.Changed -= OnChanged;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _weight.Changed -= OnWeightChanged;
        Management.Dispose();
        Public.Dispose();
        await Gateway.DisposeAsync();
    }

    private void OnWeightChanged() => AppliedWeights.Enqueue((_rules.Current.EffectiveWeight, Stopwatch.GetTimestamp()));
}
