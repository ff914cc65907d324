using TestSupport;

namespace Manifests.Tests.Infrastructure;

/// <summary>
/// Runs a Dockerfile's build stage without Docker: its COPY instructions copy from the repository (filtered by
/// .dockerignore) into a scratch directory standing in for the container's file system, and its RUN instructions,
/// which must be plain <c>dotnet</c> commands, run there with container paths mapped into the scratch directory.
/// A file the Dockerfile forgets to copy therefore fails the build here as it would in <c>docker build</c>.
/// </summary>
public static class DockerBuildStage
{
    /// <summary>Runs <paramref name="stage"/> with <paramref name="contextRoot"/> as the build context inside <paramref name="scratch"/>.</summary>
    public static async Task RunAsync(IReadOnlyList<DockerInstruction> stage, string contextRoot, string scratch)
    {
        var ignore = DockerIgnore.Load(Path.Combine(contextRoot, ".dockerignore"));
        var workdir = "/";
        foreach (var instruction in stage)
        {
            switch (instruction.Keyword)
            {
                case "FROM" or "ARG" or "LABEL":
                    break;
                case "WORKDIR":
                    workdir = ContainerPath(workdir, instruction.Arguments);
                    Directory.CreateDirectory(MapPath(scratch, workdir));
                    break;
                case "COPY":
                    Copy(instruction, contextRoot, ignore, MapPath(scratch, workdir), scratch);
                    break;
                case "RUN":
                    await RunDotNetAsync(instruction, scratch, MapPath(scratch, workdir));
                    break;
                default:
                    throw new NotSupportedException($"line {instruction.Line}: {instruction.Keyword} in the build stage is not supported by this check.");
            }
        }
    }

    /// <summary>Where a container path (e.g. <c>/app</c>) lives inside <paramref name="scratch"/>.</summary>
    public static string MapPath(string scratch, string containerPath) =>
        Path.Combine(scratch, containerPath.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));

    private static string ContainerPath(string workdir, string path) =>
        path.StartsWith('/') ? path : workdir.TrimEnd('/') + "/" + path;

    private static void Copy(DockerInstruction copy, string contextRoot, DockerIgnore ignore, string workdir, string scratch)
    {
        var words = copy.Words;
        if (words.Any(w => w.StartsWith("--", StringComparison.Ordinal) || w.IndexOfAny(['*', '?', '$']) >= 0) || words.Length < 2)
        {
            throw new NotSupportedException($"line {copy.Line}: COPY {copy.Arguments} is not supported by this check.");
        }

        var destination = words[^1].StartsWith('/') ? MapPath(scratch, words[^1]) : Path.Combine(workdir, words[^1]);
        foreach (var source in words[..^1])
        {
            var relative = source.TrimEnd('/');
            var full = Path.Combine(contextRoot, relative);
            if (ignore.IsIgnored(relative) || (!File.Exists(full) && !Directory.Exists(full)))
            {
                throw new InvalidOperationException($"line {copy.Line}: COPY source '{source}' is not in the build context.");
            }

            if (Directory.Exists(full))
            {
                // Docker copies a directory's contents, not the directory itself.
                CopyDirectory(full, relative, destination, ignore);
            }
            else
            {
                Directory.CreateDirectory(destination);
                File.Copy(full, Path.Combine(destination, Path.GetFileName(full)), overwrite: true);
            }
        }
    }

    private static void CopyDirectory(string source, string relative, string destination, DockerIgnore ignore)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var entryRelative = relative + "/" + entry.Name;
            if (ignore.IsIgnored(entryRelative))
            {
                continue;
            }

            var target = Path.Combine(destination, entry.Name);
            if (entry is DirectoryInfo directory)
            {
                CopyDirectory(directory.FullName, entryRelative, target, ignore);
            }
            else
            {
                File.Copy(entry.FullName, target, overwrite: true);
            }
        }
    }

    private static async Task RunDotNetAsync(DockerInstruction run, string scratch, string workdir)
    {
        var words = run.Words;
        if (words.Length < 2 || words[0] != "dotnet" || run.Arguments.IndexOfAny(['&', '|', ';', '$', '"', '\'', '>', '<']) >= 0)
        {
            throw new NotSupportedException($"line {run.Line}: only plain 'dotnet ...' RUN commands are supported by this check: RUN {run.Arguments}");
        }

        // Absolute paths are container paths (e.g. -o /app); relative ones resolve against the mapped WORKDIR.
        var arguments = words[1..].Select(w => w.StartsWith('/') ? MapPath(scratch, w) : w).ToList();
        var environment = new Dictionary<string, string?>
        {
            // A container build runs each step once; no MSBuild nodes should outlive it.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var (exitCode, output) = await ChildProcess.RunAsync(DotNetCli.Host, arguments, TimeSpan.FromMinutes(5), workdir, environment);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"line {run.Line}: RUN {run.Arguments} failed ({exitCode}):\n{output}");
        }
    }
}
