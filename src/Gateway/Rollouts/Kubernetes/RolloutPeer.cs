namespace Gateway.Rollouts.Kubernetes;

/// <summary>A gateway replica: its identity (pod name) and its management port's base address, <c>http://10.1.2.3:9090</c>.</summary>
internal sealed record RolloutPeer(string Identity, Uri Management);
