using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using TestSupport;

namespace Manifests.Tests.Infrastructure;

/// <summary>One folder under k8s/ (lb, ingress, gateway), deployed as a whole with <c>kubectl apply -k</c>.</summary>
public sealed class ManifestFolder
{
    private static readonly ConcurrentDictionary<string, Lazy<ManifestFolder>> Cache = new(StringComparer.Ordinal);

    private ManifestFolder(string name, IReadOnlyList<Manifest> manifests)
    {
        Name = name;
        Manifests = manifests;
    }

    /// <summary>The k8s/ folder.</summary>
    public static string Root => RepoPaths.Combine("k8s");

    /// <summary>The names of the folders under k8s/, found on disk so a new folder is checked too.</summary>
    public static IReadOnlyList<string> Names => [.. Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    /// <summary>Theory data: every folder.</summary>
    public static TheoryData<string> All => [.. Names];

    /// <summary>The folder's name, e.g. <c>gateway</c>.</summary>
    public string Name { get; }

    /// <summary>The folder's full path.</summary>
    public string FullPath => Path.Combine(Root, Name);

    /// <summary>Every document of every YAML file in the folder, kustomization.yaml included.</summary>
    public IReadOnlyList<Manifest> Manifests { get; }

    /// <summary>The folder's kustomization.yaml.</summary>
    public Kustomization Kustomization => Assert.Single(OfType<Kustomization>());

    /// <summary>The folder's Deployments.</summary>
    public IEnumerable<V1Deployment> Deployments => OfType<V1Deployment>();

    /// <summary>The folder's Services.</summary>
    public IEnumerable<V1Service> Services => OfType<V1Service>();

    /// <summary>The folder's subfolders, each a kustomize component the kustomization may include.</summary>
    public IReadOnlyList<string> ComponentNames => [.. Directory.GetDirectories(FullPath).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    /// <summary>The component in the subfolder <paramref name="name"/>: its kustomization.yaml, which must be a Component.</summary>
    public KustomizeComponent Component(string name)
    {
        var file = Path.Combine(Name, name, "kustomization.yaml");
        return Assert.IsType<KustomizeComponent>(Assert.Single(ManifestLoader.LoadFile(Path.Combine(Root, file), file)));
    }

    /// <summary>Loads (once per test run) the folder <paramref name="name"/>.</summary>
    public static ManifestFolder Load(string name) => Cache.GetOrAdd(name, n => new Lazy<ManifestFolder>(() => LoadUncached(n))).Value;

    /// <summary>The YAML files directly in <paramref name="directory"/>.</summary>
    public static IEnumerable<string> YamlFiles(string directory) =>
        Directory.EnumerateFiles(directory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal));

    /// <summary>The resources of type <typeparamref name="T"/>.</summary>
    public IEnumerable<T> OfType<T>() => Manifests.Select(m => m.Resource).OfType<T>();

    /// <summary>The single resource of type <typeparamref name="T"/> named <paramref name="name"/>.</summary>
    public T Get<T>(string name)
        where T : IMetadata<V1ObjectMeta> => Assert.Single(OfType<T>(), r => r.Metadata?.Name == name);

    /// <summary>The Deployments whose pod template labels <paramref name="selector"/> matches.</summary>
    public IReadOnlyList<V1Deployment> DeploymentsSelectedBy(IDictionary<string, string>? selector) =>
        [.. Deployments.Where(d => Labels.Match(selector, d.Spec.Template.Metadata?.Labels))];

    private static ManifestFolder LoadUncached(string name)
    {
        var directory = Path.Combine(Root, name);
        var manifests = new List<Manifest>();
        foreach (var file in YamlFiles(directory).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Root, file);
            manifests.AddRange(ManifestLoader.LoadFile(file, relative).Select(resource => new Manifest(relative, resource)));
        }

        return new ManifestFolder(name, manifests);
    }
}
