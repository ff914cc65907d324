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
}
