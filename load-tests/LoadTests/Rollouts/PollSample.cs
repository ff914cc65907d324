namespace LoadTests.Rollouts;

/// <summary>
/// One poll of <c>GET /rollout</c>. The document describes the gateway at some moment between
/// <see cref="SentAt"/> and <see cref="ReceivedAt"/> (seconds since the run started, the users' clock).
/// </summary>
/// <param name="SentAt">When the request left.</param>
/// <param name="ReceivedAt">When the answer was read (and the poller's state updated).</param>
/// <param name="Document">The answer without its checks and history (kept only from the latest poll), or null after an error.</param>
/// <param name="Error">One line: why the poll failed.</param>
internal sealed record PollSample(double SentAt, double ReceivedAt, RolloutDocument? Document, string? Error);
