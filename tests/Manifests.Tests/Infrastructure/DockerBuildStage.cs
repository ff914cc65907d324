using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TestSupport;

namespace Manifests.Tests.Infrastructure;

/// <summary>
/// Runs a Dockerfile's build stage without Docker: its COPY instructions copy from the repository (filtered by
/// .dockerignore) into a scratch directory standing in for the container's file system, and its RUN instructions,
/// which must be plain <c>dotnet</c> commands, run there with container paths mapped into the scratch directory.
/// A file the Dockerfile forgets to copy therefore fails the build here as it would in <c>docker build</c>.
/// <c>ARG TARGETARCH</c> is the one build argument supported: BuildKit sets it to the platform being built
/// (<c>amd64</c>, <c>arm64</c>), here this machine's.
/// </summary>
public static partial class DockerBuildStage
{
    /// <summary>Runs <paramref name="stage"/> with <paramref name="contextRoot"/> as the build context inside <paramref name="scratch"/>.</summary>
    public static async Task RunAsync(IReadOnlyList<DockerInstruction> stage, string contextRoot, string scratch)
    {
        var ignore = DockerIgnore.Load(Path.Combine(contextRoot, ".dockerignore"));
        var workdir = "/";
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in stage)
        {
            switch (instruction.Keyword)
            {
                case "FROM" or "LABEL":
                    break;
                case "ARG" when instruction.Arguments == "TARGETARCH":
                    args["TARGETARCH"] = TargetArch();
                    break;
                case "WORKDIR":
                    workdir = ContainerPath(workdir, instruction.Arguments);
                    Directory.CreateDirectory(MapPath(scratch, workdir));
                    break;
                case "COPY":
                    Copy(instruction, contextRoot, ignore, MapPath(scratch, workdir), scratch);
                    break;
                case "RUN":
                    await RunDotNetAsync(instruction, args, scratch, MapPath(scratch, workdir));
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

    /// <summary>The value BuildKit gives <c>TARGETARCH</c> when building for this machine.</summary>
    private static string TargetArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => throw new NotSupportedException($"no TARGETARCH for {other}"),
    };

    private static async Task RunDotNetAsync(DockerInstruction run, Dictionary<string, string> args, string scratch, string workdir)
    {
        // A declared build argument ($NAME) expands as the shell would; any other '$' is not supported here.
        var expanded = ArgReference().Replace(run.Arguments, m => args.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);
        var words = expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words[0] != "dotnet" || expanded.IndexOfAny(['&', '|', ';', '$', '"', '\'', '>', '<']) >= 0)
        {
            throw new NotSupportedException($"line {run.Line}: only plain 'dotnet ...' RUN commands (and $TARGETARCH after ARG TARGETARCH) are supported by this check: RUN {run.Arguments}");
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

    [GeneratedRegex(@"\$(?:\{(?<name>[A-Z_]+)\}|(?<name>[A-Z_]+))")]
    private static partial Regex ArgReference();
}
