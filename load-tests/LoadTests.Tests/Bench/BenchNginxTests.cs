using LoadTests.Bench;

namespace LoadTests.Tests.Bench;

public sealed class BenchNginxTests
{
    /// <summary>The head of shared/bench/nginx-canary-tls.conf, which sets no keepalive_requests (upstream keepalive is another directive).</summary>
    private const string SharedHead = """
        worker_processes auto;
        pid /tmp/nginx-canary-tls/nginx.pid;
        events { worker_connections 4096; }
        http {
          access_log off;
          upstream stable { server 127.0.0.2:8080; server 127.0.0.3:8080; keepalive 64; }
        }
        """;

    [Fact]
    public void WithKeepaliveRequests_NoneSet_AddsItInsideHttp()
    {
        var config = BenchNginx.WithKeepaliveRequests(SharedHead);

        var http = config.IndexOf("http {", StringComparison.Ordinal);
        var directive = config.IndexOf($"keepalive_requests {BenchNginx.KeepaliveRequests};", StringComparison.Ordinal);
        Assert.True(http >= 0 && directive > http && directive < config.IndexOf("access_log", StringComparison.Ordinal), config);
        Assert.Equal(SharedHead, config.Remove(http + "http {".Length, config.IndexOf('\n', directive) - (http + "http {".Length)));
    }

    [Theory]
    [InlineData("http {\n  keepalive_requests 5000;\n}")]
    [InlineData("http { keepalive_requests 5000; }")]
    [InlineData("http {\n  server { listen 1; keepalive_requests 10; }\n}")]
    public void WithKeepaliveRequests_AlreadySet_LeavesTheConfigurationAlone(string config)
    {
        Assert.Equal(config, BenchNginx.WithKeepaliveRequests(config));
    }

    [Fact]
    public void WithKeepaliveRequests_OnlyCommentedOut_StillAddsIt()
    {
        var config = "http {\n  # keepalive_requests 10;\n}";

        Assert.Contains($"keepalive_requests {BenchNginx.KeepaliveRequests};", BenchNginx.WithKeepaliveRequests(config), StringComparison.Ordinal);
    }

    [Fact]
    public void PrepareTlsConfig_MissingFile_NamesItAndTheOption()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.conf");

        var ex = Assert.Throws<InvalidOperationException>(() => BenchNginx.PrepareTlsConfig(missing, Path.GetTempPath()));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--nginx-tls-conf", ex.Message, StringComparison.Ordinal);
    }
}
