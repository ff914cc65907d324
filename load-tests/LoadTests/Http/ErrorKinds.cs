using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace LoadTests.Http;

/// <summary>The kinds of errors counted, as they appear in reports.</summary>
internal static class ErrorKinds
{
    public const string Timeout = "timeout";
    public const string ConnectionRefused = "connection-refused";
    public const string ConnectionReset = "connection-reset";
    public const string ConnectionError = "connection-error";
    public const string Tls = "tls";
    public const string NameResolution = "dns";
    public const string Protocol = "protocol";
    public const string NoVersion = "no-version";
    public const string TrackMismatch = "track-mismatch";
    public const string Other = "other";

    /// <summary>A response with a status outside 2xx, e.g. <c>status-503</c>.</summary>
    public static string Status(int statusCode) => $"status-{statusCode}";

    /// <summary>The kind of a failed send or read (a timeout is told apart by the caller, who owns the timer).</summary>
    public static string Of(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return ConnectionRefused;
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown }:
                    return ConnectionReset;
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return NameResolution;
                case AuthenticationException:
                    return Tls;
                case TimeoutException:
                    return Timeout;
                default:
                    break;
            }
        }

        return exception is HttpRequestException http ? http.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => NameResolution,
            HttpRequestError.SecureConnectionError => Tls,
            HttpRequestError.ConnectionError => ConnectionError,
            HttpRequestError.ResponseEnded => ConnectionReset,
            HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.ConfigurationLimitExceeded => Protocol,
            _ => Other,
        } : Other;
    }
}
