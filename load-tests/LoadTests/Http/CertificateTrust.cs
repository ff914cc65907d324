using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace LoadTests.Http;

/// <summary>Server certificate validation for <c>--cacert</c> (custom roots) and <c>--insecure</c>.</summary>
internal static class CertificateTrust
{
    /// <summary>The callback to use, or null for the system's default validation.</summary>
    public static RemoteCertificateValidationCallback? For(TargetSettings target)
    {
        if (target.Insecure)
        {
            return static (_, _, _, _) => true;
        }

        if (target.CaCertificatePath is not { } path)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"No certificate found in '{path}'.");
        }

        return (_, certificate, _, errors) => IsTrusted(certificate, errors, roots);
    }

    /// <summary>The name must match; the chain must end in one of <paramref name="roots"/>.</summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
