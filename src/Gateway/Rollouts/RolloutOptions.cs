namespace Gateway.Rollouts;

/// <summary>
/// Multi-stage canary releases with automatic analysis (<c>Gateway:Rollout</c>, DESIGN.md "Rollouts"). Reloaded live
/// like <c>Gateway:Canary</c>: the engine reads the current values at every check.
/// </summary>
public sealed class RolloutOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Gateway:Rollout";

    /// <summary>The steps when none are configured.</summary>
    public static IReadOnlyList<double> DefaultSteps { get; } = [5, 10, 25, 50, 100];

    /// <summary>Default false: the weight is <c>Gateway:Canary:Weight</c> (or proportional), as without rollouts.</summary>
    public bool Enabled { get; set; }

    /// <summary>Start a rollout when a new canary revision gets ready endpoints. Default true.</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>
    /// The weights a rollout moves through, strictly increasing, each 0 &lt; w ≤ 100. Null means
    /// <see cref="DefaultSteps"/>: the configuration binder appends to a pre-filled list instead of replacing it.
    /// </summary>
    public List<double>? Steps { get; set; }

    /// <summary>One analysis check per interval. Default 30 s, minimum 1 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive passing checks before the next step (also on the last step). Default 2.</summary>
    public int ChecksPerStep { get; set; } = 2;

    /// <summary>Canary requests a check needs; with fewer the check waits. Default 50.</summary>
    public int MinRequests { get; set; } = 50;

    /// <summary>Consecutive failing checks that roll the canary back. Default 2.</summary>
    public int FailureLimit { get; set; } = 2;

    /// <summary>What a check judges.</summary>
    public RolloutGatesOptions Gates { get; set; } = new();

    /// <summary>What happens after the last step passed. Default <see cref="RolloutPromotion.Manual"/>.</summary>
    public RolloutPromotion Promotion { get; set; } = RolloutPromotion.Manual;

    /// <summary>With <see cref="RolloutPromotion.Deployment"/>, scale the canary Deployment to 0 afterwards.</summary>
    public bool ScaleDownCanary { get; set; }

    /// <summary>The Service whose EndpointSlices list the gateway replicas' management ports.</summary>
    public string PeersService { get; set; } = "canary-gateway-management";

    /// <summary>This replica's name in leader election; default: env <c>POD_NAME</c>, else machine name and process id.</summary>
    public string? Identity { get; set; }

    /// <summary>Leader election: how long a lease holds. Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Leader election: how long the leader keeps trying to renew. Default 10 s.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Leader election: how often candidates retry. Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The steps in effect.</summary>
    public IReadOnlyList<double> EffectiveSteps => Steps is { Count: > 0 } steps ? steps : DefaultSteps;

    /// <summary>This replica's identity: the setting, else <c>POD_NAME</c>, else machine name and process id.</summary>
    public string EffectiveIdentity =>
        !string.IsNullOrWhiteSpace(Identity) ? Identity
        : Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod
        : $"{Environment.MachineName}-{Environment.ProcessId}";
}
