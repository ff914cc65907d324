using Gateway.Tracks;

namespace Gateway.Discovery.Kubernetes;

internal sealed partial class ServiceWatcher
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Listed {SliceCount} EndpointSlice(s) of Service {Service} at resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, string service, int sliceCount, string? resourceVersion);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Watch of Service {Service} expired at resourceVersion {ResourceVersion} (410); re-listing")]
    private static partial void LogExpired(ILogger logger, string service, string? resourceVersion);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Watch of Service {Service} was silent for {Timeout}; re-opening it")]
    private static partial void LogSilent(ILogger logger, string service, TimeSpan timeout);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Kubernetes API error for Service {Service}: {Error}; keeping the last known endpoints, retrying in {Delay}")]
    private static partial void LogApiError(ILogger logger, string service, string error, TimeSpan delay);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "EndpointSlice {Slice} of Service {Service} skipped in part or whole: {Problem}")]
    private static partial void LogSliceProblem(ILogger logger, string? slice, string service, string problem);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Endpoint added to {Track}: {Endpoint} (ready: {Ready})")]
    private static partial void LogEndpointAdded(ILogger logger, Track track, string endpoint, bool ready);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "Endpoint removed from {Track}: {Endpoint}")]
    private static partial void LogEndpointRemoved(ILogger logger, Track track, string endpoint);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Endpoint of {Track} {Endpoint} is now ready: {Ready}")]
    private static partial void LogEndpointReadiness(ILogger logger, Track track, string endpoint, bool ready);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "No EndpointSlice of Service {Service} in namespace {Namespace}: the Service does not exist or has no selector; the {Track} track has no endpoints until it appears")]
    private static partial void LogServiceMissing(ILogger logger, string service, string @namespace, Track track);

    [LoggerMessage(EventId = 209, Level = LogLevel.Information, Message = "Service {Service} has EndpointSlices again")]
    private static partial void LogServiceFound(ILogger logger, string service);
}
