using System.Security.Cryptography;

namespace Gateway.Rollouts;

/// <summary>
/// A random id for this process's <see cref="TrafficRecorder"/> (both are singletons of one container): a peer's
/// cumulative counters start again from zero when it restarts, and a new instance id tells the leader so.
/// </summary>
internal sealed class RolloutInstance
{
    public RolloutInstance()
        : this(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)))
    {
    }

    public RolloutInstance(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    /// <summary>16 hex digits, fixed for the life of the process.</summary>
    public string Id { get; }
}
