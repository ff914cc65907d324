namespace Gateway.Rollouts.Kubernetes;

internal sealed partial class DeploymentPromoter
{
    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "Promotion: patched stable Deployment {Stable} with the pod template of {Canary} ({Images})")]
    private static partial void LogPatched(ILogger logger, string stable, string canary, string images);

    [LoggerMessage(EventId = 341, Level = LogLevel.Warning, Message = "Promotion: {Reason}; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 342, Level = LogLevel.Information, Message = "Promotion: scaled canary Deployment {Canary} to 0 replicas")]
    private static partial void LogScaledDown(ILogger logger, string canary);
}
