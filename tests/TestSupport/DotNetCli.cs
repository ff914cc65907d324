namespace TestSupport;

/// <summary>Runs the dotnet CLI the way CI and the Dockerfiles do.</summary>
public static class DotNetCli
{
    /// <summary>The dotnet host running this test (so tests use the same SDK as the build).</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>
    /// Publishes a project into <paramref name="output"/> with its own artifacts folder, so a build with different
    /// properties (e.g. <c>-p:Version=2.0</c>) never overwrites the bin/obj the rest of the tests run from.
    /// </summary>
    public static async Task PublishAsync(string project, string output, params string[] properties)
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "gw-artifacts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var arguments = new List<string> { "publish", RepoPaths.Combine(project), "-c", "Release", "-o", output, "--artifacts-path", artifacts, "-nologo" };
            arguments.AddRange(properties);
            var (exitCode, log) = await ChildProcess.RunAsync(Host, arguments, TimeSpan.FromMinutes(5), RepoPaths.Root);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish {project} failed ({exitCode}):\n{log}");
            }
        }
        finally
        {
            TryDelete(artifacts);
        }
    }

    /// <summary>Deletes a directory, ignoring errors (best-effort cleanup of temp folders).</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
