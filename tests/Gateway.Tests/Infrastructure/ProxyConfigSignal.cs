using Gateway.Proxy;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Tests.Infrastructure;

/// <summary>Signals when YARP has applied a configuration in which the cluster's destinations satisfy a condition.</summary>
// Resolves the state lazily: YARP builds its config manager (the IProxyStateLookup) with the listeners injected.
public sealed class ProxyConfigSignal(IServiceProvider services) : IConfigChangeListener
{
    private readonly List<(Func<IReadOnlyCollection<string>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Waits until the destination ids satisfy <paramref name="condition"/> (checked now and after each applied config).</summary>
    public async Task WaitForDestinationsAsync(Func<IReadOnlyCollection<string>, bool> condition, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((condition, done));
        }

        Check();
        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Destinations never satisfied the condition; now: {string.Join(", ", Destinations())}");
        }
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
    }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
    }

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs) => Check();

    private string[] Destinations() =>
        services.GetRequiredService<IProxyStateLookup>().TryGetCluster(TrackProxyConfigProvider.ClusterId, out var cluster) ? [.. cluster.Destinations.Keys.Order(StringComparer.Ordinal)] : [];

    private void Check()
    {
        var destinations = Destinations();
        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(destinations))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
