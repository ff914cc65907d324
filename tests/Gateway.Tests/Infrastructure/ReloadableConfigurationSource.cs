using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Infrastructure;

/// <summary>An in-memory configuration source whose values a test changes and then reloads, like an edited file.</summary>
public sealed class ReloadableConfigurationSource : IConfigurationSource
{
    private readonly Provider _provider = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    /// <summary>Sets (or with null removes) keys and raises the reload token once.</summary>
    public void SetAndReload(params (string Key, string? Value)[] values)
    {
        foreach (var (key, value) in values)
        {
            if (value is null)
            {
                _provider.Remove(key);
            }
            else
            {
                _provider.Set(key, value);
            }
        }

        _provider.RaiseReload();
    }

    private sealed class Provider : ConfigurationProvider
    {
        public void Remove(string key) => Data.Remove(key);

        public void RaiseReload() => OnReload();
    }
}
