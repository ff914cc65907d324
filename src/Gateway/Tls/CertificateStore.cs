using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gateway.Configuration;
using Gateway.Tracks;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Gateway.Tls;

/// <summary>
/// The certificates in use, chosen per handshake by SNI, and reloaded without a restart when the mounted files
/// change. Kubernetes updates a secret volume by swapping a <c>..data</c> symlink, so the folders are watched rather
/// than the files, and a slow poll backs the watcher up. A failed reload keeps the old certificates. The redirect
/// targets of plain HTTP depend on the certificates' names, so they are rebuilt and swapped with them.
/// </summary>
internal sealed partial class CertificateStore : IDisposable
{
    private readonly TlsOptions _options;
    private readonly TimeProvider _time;
    private readonly string[] _pinnedHosts;
    private readonly ILogger<CertificateStore> _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer? _poll;
    private readonly ITimer? _debounce;
    private readonly Lock _reloadLock = new();
    private volatile State _state;

    public CertificateStore(IOptions<TlsOptions> options, IOptions<TracksOptions> tracks, TimeProvider time, ILogger<CertificateStore> logger, TlsCertificatesValidator? validated = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _pinnedHosts = [.. tracks.Value.CanaryHosts, .. tracks.Value.StableHosts];
        if (_options.SelfSigned)
        {
            _state = CreateState(CreateSelfSigned(_pinnedHosts));
            return;
        }

        // Startup validation has just loaded these files: take its certificates rather than read them a second time.
        _state = CreateState(validated?.Take(_options) ?? Load(_options, time.GetUtcNow()));
        _debounce = time.CreateTimer(_ => TryReload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _poll = time.CreateTimer(_ => TryReload(), null, PollInterval, PollInterval);
        foreach (var directory in WatchedDirectories(_options))
        {
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.CreationTime | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>Raised after a reload attempt that found changed files: true when the new certificates are in use.</summary>
    public event Action<bool>? Reloaded;

    /// <summary>Safety net for file systems without change notifications.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Quiet time after the last file event before reloading (a secret update touches several files).</summary>
    public static TimeSpan Debounce { get; } = TimeSpan.FromMilliseconds(200);

    public CertificateSet Current => _state.Certificates;

    /// <summary>Where plain HTTP is redirected; null when <c>Gateway:Tls:RedirectHttp</c> is off.</summary>
    public RedirectTargets? Redirects => _state.Redirects;

    /// <summary>Kestrel's per-connection callback: picks the certificate for the client's SNI name.</summary>
    public ValueTask<System.Net.Security.SslServerAuthenticationOptions> OnConnection(TlsHandshakeCallbackContext context) =>
        ValueTask.FromResult(_state.Certificates.Select(context.ClientHelloInfo.ServerName).CreateOptions());

    /// <summary>Loads every configured certificate; the first problem stops startup with one line.</summary>
    /// <exception cref="GatewayConfigurationException">A file is missing, unreadable, not PEM, mismatched, or expired.</exception>
    public static CertificateSet Load(TlsOptions options, DateTimeOffset now)
    {
        // Each file is read once, and the fingerprint is of exactly what was parsed: a file replaced in between cannot
        // make the two disagree, nor fail a second read that nothing guards.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ServerCertificate LoadOne(string certificatePath, string keyPath)
        {
            var certificatePem = CertificateLoader.Read(certificatePath);
            var keyPem = CertificateLoader.Read(keyPath);
            Append(hash, certificatePath, certificatePem);
            Append(hash, keyPath, keyPem);
            return CertificateLoader.Parse(certificatePath, certificatePem, keyPath, keyPem, now);
        }

        var defaultCertificate = LoadOne(options.CertificatePath!, options.KeyPath!);
        var exact = new Dictionary<string, ServerCertificate>(StringComparer.OrdinalIgnoreCase);
        var wildcard = new Dictionary<string, ServerCertificate>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in options.Certificates)
        {
            var certificate = LoadOne(entry.CertificatePath!, entry.KeyPath!);
            foreach (var host in entry.Hosts)
            {
                if (host.StartsWith("*.", StringComparison.Ordinal))
                {
                    wildcard[host[2..].TrimEnd('.')] = certificate;
                }
                else
                {
                    exact[host.TrimEnd('.')] = certificate;
                }
            }
        }

        return new CertificateSet(defaultCertificate, exact, wildcard, Convert.ToHexString(hash.GetHashAndReset()));
    }

    /// <summary>
    /// Reloads if the files changed; keeps the current certificates when the new ones cannot be used. Runs on timer
    /// threads, where an escaping exception would end the process, so every failure is logged and retried later.
    /// </summary>
    public void TryReload()
    {
        lock (_reloadLock)
        {
            try
            {
                if (Fingerprint(_options) == _state.Certificates.Fingerprint)
                {
                    return;
                }

                var next = CreateState(Load(_options, _time.GetUtcNow()));
                _state = next;
                var certificate = next.Certificates.Default;
                LogReloaded(_logger, certificate.Source, certificate.Certificate.Subject, certificate.Certificate.NotAfter);
            }
            catch (Exception ex) when (ex is GatewayConfigurationException or IOException or UnauthorizedAccessException)
            {
                // Invalid files, or a file replaced mid-swap (the kubelet's rename): the next event or poll retries.
                LogReloadFailed(_logger, ex.Message);
                Reloaded?.Invoke(false);
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failure no check foresaw: logged with its stack, and never thrown on the timer thread.
                LogReloadError(_logger, ex);
                Reloaded?.Invoke(false);
                return;
            }

            Reloaded?.Invoke(true);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _poll?.Dispose();
        _debounce?.Dispose();
    }

    private static IEnumerable<string> WatchedDirectories(TlsOptions options)
    {
        var files = new List<string> { options.CertificatePath!, options.KeyPath! };
        foreach (var entry in options.Certificates)
        {
            files.Add(entry.CertificatePath!);
            files.Add(entry.KeyPath!);
        }

        return files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!).Where(Directory.Exists).Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// A digest of every configured file's contents (following symlinks, as a handshake would), as <see cref="Load"/>
    /// computes it; a missing file counts as empty, so its return is a change that Load then reports.
    /// </summary>
    private static string Fingerprint(TlsOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string path) => Append(hash, path, File.Exists(path) ? File.ReadAllText(path) : "");

        Add(options.CertificatePath!);
        Add(options.KeyPath!);
        foreach (var entry in options.Certificates)
        {
            Add(entry.CertificatePath!);
            Add(entry.KeyPath!);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string path, string contents)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(path));
        hash.AppendData(BitConverter.GetBytes(contents.Length));
        hash.AppendData(Encoding.UTF8.GetBytes(contents));
    }

    private State CreateState(CertificateSet certificates) =>
        new(certificates, _options.RedirectsHttp ? RedirectTargets.Create(_options, _pinnedHosts, certificates) : null);

    private void OnFileEvent(object sender, FileSystemEventArgs e) => _debounce?.Change(Debounce, Timeout.InfiniteTimeSpan);

    private CertificateSet CreateSelfSigned(IEnumerable<string> pinnedHosts)
    {
        var names = SelfSignedCertificate.NamesFor(pinnedHosts);
        var (authority, server) = SelfSignedCertificate.Create(names, _time.GetUtcNow());
        var path = _options.EffectiveSelfSignedCertificatePath;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, authority.ExportCertificatePem() + "\n");
        LogSelfSigned(_logger, string.Join(", ", names), path);
        var context = System.Net.Security.SslStreamCertificateContext.Create(server, new X509Certificate2Collection(authority), offline: true);
        var certificate = new ServerCertificate(server, context, "self-signed");
        return new CertificateSet(certificate, new Dictionary<string, ServerCertificate>(), new Dictionary<string, ServerCertificate>(), "self-signed");
    }

    /// <summary>What handshakes and redirects read, swapped as one so neither sees the other's previous version.</summary>
    private sealed record State(CertificateSet Certificates, RedirectTargets? Redirects);
}
