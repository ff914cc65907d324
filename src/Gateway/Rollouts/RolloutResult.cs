namespace Gateway.Rollouts;

/// <summary>
/// The outcome of a management call: the new document (200), why it is not allowed in this phase (409), or why this
/// replica cannot run it now (503: not the leader any more, state not read yet).
/// </summary>
internal sealed record RolloutResult(RolloutDocument? Document, string? Conflict, string? Unavailable = null);
