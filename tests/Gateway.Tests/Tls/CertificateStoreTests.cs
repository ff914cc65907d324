using System.Diagnostics;
using System.Net.Sockets;
using Gateway.Tests.Infrastructure;
using Gateway.Tls;
using Gateway.Tracks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Tls;

/// <summary>
/// Rotation runs on timer threads, where an exception would end the process: whatever the files do, a failed reload
/// is logged and the old certificate keeps serving (issue #11). These call <see cref="CertificateStore.TryReload"/>
/// directly, on a clock whose timers never fire, so no background reload races the test.
/// </summary>
public sealed class CertificateStoreTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly LogCapture _logs = new();

    public void Dispose()
    {
        _certificates.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task TryReload_CertificateBecomesUnreadableBetweenReads_LogsAndKeepsOldCertificate()
    {
        var (certificate, key) = _certificates.Write("secret", "first", ["foo.bar"]);
        using var store = CreateStore(certificate, key);
        var (_, otherKey) = _certificates.Write("other", "other", ["foo.bar"]);
        var results = new List<bool>();
        store.Reloaded += results.Add;

        // The key becomes a FIFO, so a reload blocks on reading it — after it has read the certificate. Meanwhile the
        // certificate is replaced by something that exists but cannot be opened (a Unix socket), as a file replaced
        // mid-rotation would be. Then the key's new contents arrive and the reload goes on, finding changed files.
        File.Delete(key);
        MakeFifo(key);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var reload = Task.Run(store.TryReload);
        await using (var writer = await Task.Run(() => new FileStream(key, FileMode.Open, FileAccess.Write)).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            File.Delete(certificate);
            socket.Bind(new UnixDomainSocketEndPoint(certificate));
            await writer.WriteAsync(await File.ReadAllBytesAsync(otherKey));
        }

        var error = await Record.ExceptionAsync(() => reload.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Null(error);
        Assert.Equal([false], results);
        Assert.Equal("first", store.Current.Default.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Message.StartsWith("TLS certificate", StringComparison.Ordinal));
    }

    [Fact]
    public void TryReload_KeyReplacedByDirectoryThenRestored_FailsThenReloads()
    {
        var (certificate, key) = _certificates.Write("secret", "first", ["foo.bar"]);
        using var store = CreateStore(certificate, key);
        var (secondCertificate, secondKey) = _certificates.Write("second", "second", ["foo.bar"]);
        var results = new List<bool>();
        store.Reloaded += results.Add;

        File.Delete(key);
        Directory.CreateDirectory(key);
        store.TryReload();
        Directory.Delete(key);
        File.Copy(secondCertificate, certificate, overwrite: true);
        File.Copy(secondKey, key);
        store.TryReload();

        Assert.Equal([false, true], results);
        Assert.Equal("second", store.Current.Default.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
    }

    [Fact]
    public void TryReload_CertificateWithNewName_RedirectsFollowIt_CertificateWithoutNameIsRefused()
    {
        var (certificate, key) = _certificates.Write("secret", "first", ["foo.bar"]);
        using var store = CreateStore(certificate, key);
        var (renamedCertificate, renamedKey) = _certificates.Write("renamed", "renamed", ["shop.example"]);
        var (namelessCertificate, namelessKey) = _certificates.Write("nameless", "nameless", []);
        var results = new List<bool>();
        store.Reloaded += results.Add;
        var before = store.Redirects!.Canonical;

        File.Copy(renamedCertificate, certificate, overwrite: true);
        File.Copy(renamedKey, key, overwrite: true);
        store.TryReload();
        var renamed = store.Redirects!;
        File.Copy(namelessCertificate, certificate, overwrite: true);
        File.Copy(namelessKey, key, overwrite: true);
        store.TryReload();

        Assert.Equal([true, false], results);
        Assert.Equal("foo.bar", before.Value);
        Assert.Equal("shop.example", renamed.Canonical.Value);
        Assert.Equal("shop.example", renamed.For(new Microsoft.AspNetCore.Http.HostString("foo.bar")).Value);
        Assert.Same(renamed, store.Redirects);
        Assert.Equal("renamed", store.Current.Default.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
    }

    private CertificateStore CreateStore(string certificate, string key)
    {
        var options = Options.Create(new TlsOptions { CertificatePath = certificate, KeyPath = key });
        var logger = new LoggerFactory([_logs]).CreateLogger<CertificateStore>();
        return new CertificateStore(options, Options.Create(new TracksOptions()), new StoppedClock(), logger);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>The system clock, with timers that never fire: no poll or debounced reload runs behind the test's back.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverTimer();

        private sealed class NeverTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
