namespace LoadTests.Rollouts;

/// <summary>How the <c>rollout</c> scenario watches the gateway's rollout and what it expects of it.</summary>
internal sealed record RolloutSettings
{
    /// <summary>The gateway's default management port (<c>Gateway:Listen:Management</c> = <c>http://*:9090</c>).</summary>
    public const int DefaultManagementPort = 9090;

    /// <summary>The <c>GET /rollout</c> URL on the gateway's management port.</summary>
    public required Uri RolloutUrl { get; init; }

    public ExpectedOutcome Expect { get; init; } = ExpectedOutcome.Promoted;

    /// <summary>Time between two polls of <c>GET /rollout</c>.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Answers this close to a weight or phase change are not judged: the change happened somewhere between two polls,
    /// and other gateway replicas apply a new weight up to a second after the one polled.
    /// </summary>
    public TimeSpan ChangeMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long users keep coming after the final phase, to see them stay where it puts them; longer when some user
    /// active at the final phase has not been seen again after it (plus the change margin) by then.
    /// </summary>
    public TimeSpan Tail { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>--management</c> absent: the target's host on the gateway's default management port, over plain HTTP
    /// (the management listener has no TLS), e.g. https://foo.bar/ → http://foo.bar:9090/.
    /// </summary>
    public static Uri DefaultManagement(Uri target) => new UriBuilder(Uri.UriSchemeHttp, target.Host, DefaultManagementPort).Uri;

    /// <summary>The <c>/rollout</c> URL under a management base URL (given with or without the path).</summary>
    public static Uri RolloutUrlOf(Uri management)
    {
        var path = management.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/rollout", StringComparison.OrdinalIgnoreCase))
        {
            return management;
        }

        return new UriBuilder(management) { Path = path + "/rollout", Query = "" }.Uri;
    }
}
