using Gateway.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Gateway.Tls;

/// <summary>Terminates TLS on the public HTTPS listener with the certificate chosen per handshake by the <see cref="CertificateStore"/>.</summary>
internal sealed class TlsHttpsListener(IOptions<TlsOptions> tls, IServiceProvider services) : IHttpsListener
{
    public bool Enabled => tls.Value.Enabled;

    public void Configure(ListenOptions listener)
    {
        var store = services.GetRequiredService<CertificateStore>();
        listener.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = store.OnConnection });
    }
}
