namespace Gateway.Rollouts;

/// <summary>Static mode: one gateway, which leads itself.</summary>
internal sealed class SingleReplicaLeadership(IConfiguration configuration) : ILeadership
{
    public string Self { get; } = Configuration.GatewaySettings.BindOrDefault<RolloutOptions>(configuration, RolloutOptions.SectionName).EffectiveIdentity;

    public string? Leader => Self;

    public bool IsLeader => true;

    public event Action? Changed
    {
        add { }
        remove { }
    }
}
