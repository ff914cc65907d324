namespace Gateway.Configuration;

/// <summary>Log messages of the settings file.</summary>
internal static partial class ConfigFileLog
{
    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Settings file {File} changed and was rejected, keeping the last good settings: {Reason}")]
    public static partial void ReloadRejected(ILogger logger, string file, string reason);
}
