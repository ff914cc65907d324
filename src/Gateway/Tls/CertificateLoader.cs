using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Configuration;

namespace Gateway.Tls;

/// <summary>Loads a PEM certificate and key pair (a Kubernetes TLS secret's <c>tls.crt</c> / <c>tls.key</c>) with checks that name the file and the problem.</summary>
internal static class CertificateLoader
{
    /// <summary>
    /// Builds the certificate from the contents of its files, read with <see cref="Read"/> by the caller so that a
    /// digest of exactly those contents can describe it.
    /// </summary>
    /// <exception cref="GatewayConfigurationException">Not PEM, mismatched, or the certificate expired.</exception>
    public static ServerCertificate Parse(string certificatePath, string certificatePem, string keyPath, string keyPem, DateTimeOffset now)
    {
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certificatePem);
        }
        catch (CryptographicException ex)
        {
            throw Problem(certificatePath, $"not a valid PEM certificate ({ex.Message})", ex);
        }

        if (chain.Count == 0)
        {
            throw Problem(certificatePath, "contains no PEM certificate");
        }

        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw Problem(keyPath, "contains no PEM private key");
        }

        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(chain[0].ExportCertificatePem(), keyPem);
        }
        catch (CryptographicException ex)
        {
            throw Problem(keyPath, $"private key cannot be used with {certificatePath} ({ex.Message.TrimEnd('.')})", ex);
        }

        if (leaf.NotAfter.ToUniversalTime() < now.UtcDateTime)
        {
            throw Problem(certificatePath, $"certificate expired on {leaf.NotAfter.ToUniversalTime():u}");
        }

        if (leaf.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            throw Problem(certificatePath, $"certificate is not valid before {leaf.NotBefore.ToUniversalTime():u}");
        }

        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++)
        {
            intermediates.Add(chain[i]);
        }

        // offline: never fetch intermediates or revocation data from the network during startup or a handshake.
        var context = System.Net.Security.SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        return new ServerCertificate(leaf, context, certificatePath);
    }

    /// <exception cref="GatewayConfigurationException">The file is missing or unreadable.</exception>
    public static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException ex)
        {
            throw Problem(path, "file not found", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw Problem(path, "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Problem(path, $"cannot be read ({ex.Message})", ex);
        }
    }

    private static GatewayConfigurationException Problem(string path, string problem, Exception? inner = null) =>
        inner is null ? new($"{path}: {problem}.") : new($"{path}: {problem}.", inner);
}
