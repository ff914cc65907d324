using Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Tls;

/// <summary>
/// Validates the shape of <see cref="TlsOptions"/> and that a redirect to HTTPS has a listener behind it; the files
/// themselves are checked by <see cref="CertificateLoader"/>.
/// </summary>
internal sealed class TlsOptionsValidator(IOptions<GatewayListenOptions> listen) : IValidateOptions<TlsOptions>
{
    private const string Prefix = TlsOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        if (string.IsNullOrEmpty(options.CertificatePath) != string.IsNullOrEmpty(options.KeyPath))
        {
            return Fail($"{Prefix}CertificatePath and {Prefix}KeyPath must be set together.");
        }

        if (options.SelfSigned && !string.IsNullOrEmpty(options.CertificatePath))
        {
            return Fail($"{Prefix}SelfSigned cannot be combined with {Prefix}CertificatePath; choose one.");
        }

        if (options.Certificates.Count > 0 && !options.Enabled)
        {
            return Fail($"{Prefix}Certificates needs a default certificate ({Prefix}CertificatePath and {Prefix}KeyPath).");
        }

        // Either mistake would answer every plain-HTTP request with a redirect to a port where nothing listens.
        if (options.RedirectHttp == true && !options.Enabled)
        {
            return Fail($"{Prefix}RedirectHttp is true but no certificate is configured ({Prefix}CertificatePath and {Prefix}KeyPath, or {Prefix}SelfSigned): "
                + $"nothing would answer on HTTPS; configure one or set {Prefix}RedirectHttp=false.");
        }

        if (options.RedirectsHttp && string.IsNullOrEmpty(listen.Value.Https))
        {
            var setting = options.RedirectHttp is null ? "is on (the default with a certificate)" : "is true";
            return Fail($"{Prefix}RedirectHttp {setting} but {GatewayListenOptions.SectionName}:Https is empty: HTTP would be redirected to a port where nothing listens; "
                + $"set {GatewayListenOptions.SectionName}:Https or {Prefix}RedirectHttp=false.");
        }

        for (var i = 0; i < options.RedirectHosts.Count; i++)
        {
            var host = options.RedirectHosts[i].Trim().TrimEnd('.');
            if (host.Length > 0 && !RedirectTargets.IsDnsName(host))
            {
                return Fail($"{Prefix}RedirectHosts:{i} must be a host name such as foo.bar (no scheme, port, wildcard or IP address), got '{options.RedirectHosts[i]}'.");
            }
        }

        for (var i = 0; i < options.Certificates.Count; i++)
        {
            var entry = options.Certificates[i];
            var key = $"{Prefix}Certificates:{i}";
            if (string.IsNullOrEmpty(entry.CertificatePath) || string.IsNullOrEmpty(entry.KeyPath))
            {
                return Fail($"{key} needs both CertificatePath and KeyPath.");
            }

            if (entry.Hosts.Count == 0)
            {
                return Fail($"{key}:Hosts must list at least one host name.");
            }

            for (var h = 0; h < entry.Hosts.Count; h++)
            {
                var host = entry.Hosts[h];
                var bare = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
                if (Uri.CheckHostName(bare) != UriHostNameType.Dns || bare.Contains('*', StringComparison.Ordinal))
                {
                    return Fail($"{key}:Hosts:{h} must be a host name or *.domain wildcard, got '{host}'.");
                }
            }
        }

        if (options.HttpsPort is <= 0 or > 65535)
        {
            return Fail($"{Prefix}HttpsPort must be a port between 1 and 65535, got '{options.HttpsPort}'.");
        }

        if (options.HstsMaxAge < TimeSpan.Zero)
        {
            return Fail($"{Prefix}HstsMaxAge must not be negative, got '{options.HstsMaxAge}'.");
        }

        return ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult Fail(string message) => ValidateOptionsResult.Fail(message);
}
