using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gateway.Discovery;
using Gateway.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Gateway.Tls;

/// <summary>
/// The certificates in use, chosen per handshake by SNI, and reloaded without a restart when the mounted files
/// change. Kubernetes updates a secret volume by swapping a <c>..data</c> symlink, so the folders are watched rather
/// than the files, and a slow poll backs the watcher up. A failed reload keeps the old certificates.
/// </summary>
internal sealed partial class CertificateStore : IDisposable
{
    private readonly TlsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CertificateStore> _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer? _poll;
    private readonly ITimer? _debounce;
    private readonly Lock _reloadLock = new();
    private volatile CertificateSet _current;

    public CertificateStore(IOptions<TlsOptions> options, IOptions<TracksOptions> tracks, TimeProvider time, ILogger<CertificateStore> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        if (_options.SelfSigned)
        {
            _current = CreateSelfSigned([.. tracks.Value.CanaryHosts, .. tracks.Value.StableHosts]);
            return;
        }

        _current = Load(_options, time.GetUtcNow());
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

    public CertificateSet Current => _current;

    /// <summary>Kestrel's per-connection callback: picks the certificate for the client's SNI name.</summary>
    public ValueTask<System.Net.Security.SslServerAuthenticationOptions> OnConnection(TlsHandshakeCallbackContext context) =>
        ValueTask.FromResult(_current.Select(context.ClientHelloInfo.ServerName).CreateOptions());

    /// <summary>Loads every configured certificate; the first problem stops startup with one line.</summary>
    public static CertificateSet Load(TlsOptions options, DateTimeOffset now)
    {
        var fingerprint = Fingerprint(options);
        var defaultCertificate = CertificateLoader.Load(options.CertificatePath!, options.KeyPath!, now);
        var exact = new Dictionary<string, ServerCertificate>(StringComparer.OrdinalIgnoreCase);
        var wildcard = new Dictionary<string, ServerCertificate>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in options.Certificates)
        {
            var certificate = CertificateLoader.Load(entry.CertificatePath!, entry.KeyPath!, now);
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

        return new CertificateSet(defaultCertificate, exact, wildcard, fingerprint);
    }

    /// <summary>Reloads if the files changed; keeps the current certificates when the new ones are invalid.</summary>
    public void TryReload()
    {
        lock (_reloadLock)
        {
            string fingerprint;
            try
            {
                fingerprint = Fingerprint(_options);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Mid-swap, or unreadable: the next event or poll retries.
                LogReloadFailed(_logger, ex.Message);
                Reloaded?.Invoke(false);
                return;
            }

            if (fingerprint == _current.Fingerprint)
            {
                return;
            }

            try
            {
                var next = Load(_options, _time.GetUtcNow());
                _current = next;
                LogReloaded(_logger, next.Default.Source, next.Default.Certificate.Subject, next.Default.Certificate.NotAfter);
                Reloaded?.Invoke(true);
            }
            catch (GatewayConfigurationException ex)
            {
                LogReloadFailed(_logger, ex.Message);
                Reloaded?.Invoke(false);
            }
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

    /// <summary>A digest of every configured file's contents (following symlinks, as a handshake would).</summary>
    private static string Fingerprint(TlsOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? path)
        {
            if (!string.IsNullOrEmpty(path))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(path));
                hash.AppendData(File.Exists(path) ? File.ReadAllBytes(path) : []);
            }
        }

        Add(options.CertificatePath);
        Add(options.KeyPath);
        foreach (var entry in options.Certificates)
        {
            Add(entry.CertificatePath);
            Add(entry.KeyPath);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

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

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "TLS certificates reloaded from {Path}: {Subject}, valid until {NotAfter:u}")]
    private static partial void LogReloaded(ILogger logger, string path, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "TLS certificate files changed but cannot be used; the previous certificates keep serving: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Generated a self-signed TLS certificate for {Names}; its CA is in {Path} (curl --cacert {Path})")]
    private static partial void LogSelfSigned(ILogger logger, string names, string path);
}
