namespace Gateway.Tls;

internal sealed partial class CertificateStore
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "TLS certificates reloaded from {Path}: {Subject}, valid until {NotAfter:u}")]
    private static partial void LogReloaded(ILogger logger, string path, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "TLS certificate files changed but cannot be used; the previous certificates keep serving: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Generated a self-signed TLS certificate for {Names}; its CA is in {Path} (curl --cacert {Path})")]
    private static partial void LogSelfSigned(ILogger logger, string names, string path);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "TLS certificate reload failed; the previous certificates keep serving")]
    private static partial void LogReloadError(ILogger logger, Exception exception);
}
