using System.Net.Security;

namespace Gateway.Tls;

/// <summary>
/// The cipher suites offered: Mozilla's "intermediate" profile without the DHE suites. TLS 1.2 gets only ECDHE
/// (forward secrecy) with AES-GCM or ChaCha20-Poly1305 (AEAD): no CBC suites, so no LUCKY13-style padding oracles and
/// no SHA-1 MACs. DHE is left out: it needs no DH parameters in .NET but is slow, and every client that lacks ECDHE
/// also lacks TLS 1.2 AEAD suites. See https://wiki.mozilla.org/Security/Server_Side_TLS.
/// </summary>
internal static class TlsCipherSuites
{
    /// <summary>Allowed suites, most preferred first.</summary>
    public static IReadOnlyList<TlsCipherSuite> Allowed { get; } =
    [
        // TLS 1.3: OpenSSL's defaults. On Linux a policy covers TLS 1.3 as well; leaving these out would disable it.
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,

        // TLS 1.2
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    /// <summary>
    /// The policy for every handshake on Linux (OpenSSL), where the gateway runs as a container; elsewhere null, the
    /// operating system's defaults (SChannel takes no per-connection policy; macOS support varies by TLS backend).
    /// </summary>
    public static CipherSuitesPolicy? Policy { get; } = OperatingSystem.IsLinux() ? new CipherSuitesPolicy(Allowed) : null;
}
