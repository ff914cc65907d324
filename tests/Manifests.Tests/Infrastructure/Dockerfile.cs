namespace Manifests.Tests.Infrastructure;

/// <summary>A Dockerfile split into stages of instructions (comments dropped, continuation lines joined).</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<string> lines, IReadOnlyList<IReadOnlyList<DockerInstruction>> stages)
    {
        Lines = lines;
        Stages = stages;
    }

    /// <summary>The raw lines.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The stages, each starting with its FROM.</summary>
    public IReadOnlyList<IReadOnlyList<DockerInstruction>> Stages { get; }

    /// <summary>The first stage (the build).</summary>
    public IReadOnlyList<DockerInstruction> BuildStage => Stages[0];

    /// <summary>The last stage (the image that runs).</summary>
    public IReadOnlyList<DockerInstruction> RuntimeStage => Stages[^1];

    /// <summary>Parses the file at <paramref name="path"/>.</summary>
    public static Dockerfile Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var stages = new List<List<DockerInstruction>>();
        var pending = "";
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (pending.Length == 0)
            {
                start = i + 1;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var text = pending + line;
            pending = "";
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var instruction = new DockerInstruction(keyword, space < 0 ? "" : text[(space + 1)..].Trim(), start);
            if (keyword == "FROM")
            {
                stages.Add([]);
            }
            else if (stages.Count == 0)
            {
                throw new InvalidDataException($"{path}:{start}: {keyword} before the first FROM.");
            }

            stages[^1].Add(instruction);
        }

        return new Dockerfile(lines, stages);
    }

    /// <summary>
    /// The variables a stage's ENV instructions set, in order (<c>ENV A=1 B=</c> and the legacy <c>ENV A 1</c>).
    /// Quoting is not supported; a quote fails the parse rather than being misread.
    /// </summary>
    public static Dictionary<string, string> EnvironmentOf(IEnumerable<DockerInstruction> stage)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in stage.Where(i => i.Keyword == "ENV"))
        {
            if (env.Arguments.IndexOfAny(['"', '\'', '$']) >= 0)
            {
                throw new NotSupportedException($"line {env.Line}: quotes and variables in ENV are not supported by this check.");
            }

            var words = env.Words;
            if (!words[0].Contains('=', StringComparison.Ordinal))
            {
                variables[words[0]] = string.Join(' ', words[1..]);
                continue;
            }

            foreach (var word in words)
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                variables[word[..equals]] = word[(equals + 1)..];
            }
        }

        return variables;
    }
}
