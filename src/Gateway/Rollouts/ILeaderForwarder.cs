namespace Gateway.Rollouts;

/// <summary>Sends a management call made on a follower to the leader's management port, and returns the leader's answer.</summary>
internal interface ILeaderForwarder
{
    /// <summary>
    /// Forwards <paramref name="request"/> (method, path, <c>Authorization</c>) to <paramref name="leader"/>'s management
    /// port; the answer is the leader's status, headers that matter (<c>WWW-Authenticate</c>) and body, or a 503 with a
    /// one-line reason when the leader cannot be found or reached.
    /// </summary>
    Task<IResult> ForwardAsync(string leader, HttpRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The checks the leader keeps (only the leader runs them), read from its <c>GET /rollout</c>, so that any replica's
    /// document shows them; null when the leader cannot be found, reached or understood.
    /// </summary>
    Task<IReadOnlyList<RolloutCheck>?> GetLeaderChecksAsync(string leader, CancellationToken cancellationToken);
}
