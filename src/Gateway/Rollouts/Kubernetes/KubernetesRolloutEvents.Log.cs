namespace Gateway.Rollouts.Kubernetes;

internal sealed partial class KubernetesRolloutEvents
{
    [LoggerMessage(EventId = 350, Level = LogLevel.Warning, Message = "Rollout Events: {Problem}; the rollout goes on without them (further failures of this kind are logged at Debug)")]
    private static partial void LogFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 351, Level = LogLevel.Debug, Message = "Rollout Events: {Problem}")]
    private static partial void LogFailedAgain(ILogger logger, string problem);

    [LoggerMessage(EventId = 352, Level = LogLevel.Warning, Message = "Rollout Events: more than 100 waiting to be sent; dropped the oldest ({Reason})")]
    private static partial void LogDropped(ILogger logger, string reason);
}
