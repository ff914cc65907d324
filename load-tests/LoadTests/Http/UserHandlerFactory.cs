using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace LoadTests.Http;

/// <summary>
/// Builds each virtual user's own <see cref="SocketsHttpHandler"/>: its own cookie jar and exactly one connection, as
/// one browser would have, with <c>--resolve</c>, <c>--cacert</c> and <c>--insecure</c> applied.
/// </summary>
internal sealed class UserHandlerFactory
{
    private readonly TargetSettings _target;
    private readonly RemoteCertificateValidationCallback? _validation;

    public UserHandlerFactory(TargetSettings target)
    {
        _target = target;
        _validation = CertificateTrust.For(target);
    }

    public SocketsHttpHandler Create(CookieContainer? cookies)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _target.Timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        if (_validation is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = _validation;
        }

        if (_target.Resolve.Count > 0)
        {
            var overrides = _target.Resolve;
            handler.ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, overrides, cancellationToken);
        }

        return handler;
    }

    /// <summary>Connects to the overridden address when one matches; the URI (hence Host and SNI) is untouched.</summary>
    internal static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, IReadOnlyList<ResolveOverride> overrides, CancellationToken cancellationToken)
    {
        EndPoint target = ResolveOverride.Find(overrides, endPoint.Host, endPoint.Port) is { } address
            ? new IPEndPoint(address, endPoint.Port)
            : endPoint;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
