namespace Gateway.Rollouts.Kubernetes;

internal sealed partial class RolloutPeers
{
    [LoggerMessage(EventId = 640, Level = LogLevel.Information, Message = "Listed {SliceCount} EndpointSlice(s) of peers Service {Service} at resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, string service, int sliceCount, string? resourceVersion);

    [LoggerMessage(EventId = 641, Level = LogLevel.Information, Message = "Watch of peers Service {Service} expired at resourceVersion {ResourceVersion} (410); re-listing")]
    private static partial void LogExpired(ILogger logger, string service, string? resourceVersion);

    [LoggerMessage(EventId = 642, Level = LogLevel.Warning, Message = "Watch of peers Service {Service} was silent for {Timeout}; re-opening it")]
    private static partial void LogSilent(ILogger logger, string service, TimeSpan timeout);

    [LoggerMessage(EventId = 643, Level = LogLevel.Warning, Message = "Kubernetes API error for peers Service {Service}: {Error}; keeping the last known peers, retrying in {Delay}")]
    private static partial void LogApiError(ILogger logger, string service, string error, TimeSpan delay);

    [LoggerMessage(EventId = 644, Level = LogLevel.Warning, Message = "EndpointSlice {Slice} of peers Service {Service} skipped in part or whole: {Problem}")]
    private static partial void LogSliceProblem(ILogger logger, string? slice, string service, string problem);

    [LoggerMessage(EventId = 645, Level = LogLevel.Information, Message = "Gateway peers from Service {Service}: {Count} ready ({Peers})")]
    private static partial void LogPeers(ILogger logger, string service, int count, string peers);
}
