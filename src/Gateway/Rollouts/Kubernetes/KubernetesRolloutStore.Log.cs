namespace Gateway.Rollouts.Kubernetes;

internal sealed partial class KubernetesRolloutStore
{
    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Listed ConfigMap {ConfigMap} (exists: {Exists}); rollout phase {Phase}, at resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, string configMap, bool exists, RolloutPhase phase, string? resourceVersion);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Watch of the rollout ConfigMap expired at resourceVersion {ResourceVersion} (410); re-listing")]
    private static partial void LogExpired(ILogger logger, string? resourceVersion);

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Watch of the rollout ConfigMap was silent for {Timeout}; re-opening it")]
    private static partial void LogSilent(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning, Message = "Kubernetes API error watching ConfigMap {ConfigMap}: {Error}; keeping the last rollout state ({Phase}), retrying in {Delay}")]
    private static partial void LogApiError(ILogger logger, string configMap, string error, RolloutPhase phase, TimeSpan delay);

    [LoggerMessage(EventId = 324, Level = LogLevel.Warning, Message = "ConfigMap {ConfigMap} in namespace {Namespace} was deleted; keeping the rollout state ({Phase}) in memory, the leader's next write recreates it")]
    private static partial void LogDeleted(ILogger logger, string configMap, string @namespace, RolloutPhase phase);

    [LoggerMessage(EventId = 325, Level = LogLevel.Error, Message = "ConfigMap {ConfigMap} at resourceVersion {ResourceVersion} holds no readable state.json ({Error}); keeping the last good rollout state ({Phase}) until the leader writes a valid one")]
    private static partial void LogUnreadable(ILogger logger, string configMap, string? resourceVersion, string error, RolloutPhase phase);

    [LoggerMessage(EventId = 326, Level = LogLevel.Information, Message = "Rollout state write lost ({Status}: written by another replica, or deleted, since resourceVersion {ResourceVersion}); re-reading it")]
    private static partial void LogWriteLost(ILogger logger, int status, string? resourceVersion);

    [LoggerMessage(EventId = 327, Level = LogLevel.Warning, Message = "Rollout state not written, the Kubernetes API failed: {Error}")]
    private static partial void LogWriteFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 328, Level = LogLevel.Warning, Message = "Re-reading the rollout ConfigMap after a lost write failed: {Error}; the watch will bring it")]
    private static partial void LogRereadFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 329, Level = LogLevel.Error, Message = "A rollout state subscriber failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
