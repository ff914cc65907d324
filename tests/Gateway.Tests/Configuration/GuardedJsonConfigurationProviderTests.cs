using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Gateway.Tests.Configuration;

/// <summary>The settings file's reloads: a bad one is rejected with a reason and the last good values stay.</summary>
public sealed class GuardedJsonConfigurationProviderTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-guarded-").FullName;
    private readonly PhysicalFileProvider _files;
    private readonly TaskCompletionSource<string> _rejected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IConfigurationRoot _configuration;

    public GuardedJsonConfigurationProviderTests()
    {
        File.WriteAllText(FilePath, """{ "Gateway": { "Canary": { "Weight": 10 } } }""");
        _files = new PhysicalFileProvider(_directory);
        _configuration = new ConfigurationBuilder().Add(new GuardedJsonConfigurationSource
        {
            Path = "gateway.json",
            FileProvider = _files,
            ReloadOnChange = true,
            ReloadFailed = (_, reason) => _rejected.TrySetResult(reason),
        }).Build();
    }

    private string FilePath => Path.Combine(_directory, "gateway.json");

    public void Dispose()
    {
        (_configuration as IDisposable)?.Dispose();
        _files.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("{}", "no longer has a Gateway section")]
    [InlineData("""{ "Logging": { "LogLevel": { "Default": "Debug" } } }""", "no longer has a Gateway section")]
    [InlineData("""{ "Gateway": { "Canary": { "Weight": 20, """, "cannot be read")]
    [InlineData("", "cannot be read")]
    public async Task Reload_BadContent_RejectedWithReason_LastGoodValuesStay(string content, string reason)
    {
        Replace(content);

        Assert.Contains(reason, await _rejected.Task.WaitAsync(Timeout), StringComparison.Ordinal);
        Assert.Equal("10", _configuration["Gateway:Canary:Weight"]);
    }

    [Fact]
    public async Task Reload_FileRemoved_RejectedWithReason_LastGoodValuesStay()
    {
        File.Delete(FilePath);

        Assert.Equal("the file was removed", await _rejected.Task.WaitAsync(Timeout));
        Assert.Equal("10", _configuration["Gateway:Canary:Weight"]);
    }

    [Fact]
    public async Task Reload_GoodContent_AppliedAndSignalled()
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = ChangeToken.OnChange(_configuration.GetReloadToken, () => reloaded.TrySetResult());

        Replace("""{ "Gateway": { "Canary": { "Weight": 20 } } }""");

        await reloaded.Task.WaitAsync(Timeout);
        Assert.Equal("20", _configuration["Gateway:Canary:Weight"]);
        Assert.False(_rejected.Task.IsCompleted);
    }

    /// <summary>Replaces the file atomically, as Kubernetes swaps a ConfigMap's <c>..data</c> symlink.</summary>
    private void Replace(string content)
    {
        File.WriteAllText(FilePath + ".tmp", content);
        File.Move(FilePath + ".tmp", FilePath, overwrite: true);
    }
}
