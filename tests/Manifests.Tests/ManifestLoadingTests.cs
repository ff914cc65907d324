using k8s;
using k8s.Models;
using Manifests.Tests.Infrastructure;

namespace Manifests.Tests;

/// <summary>Every file under k8s/ loads, strictly, into typed API objects, in namespace production.</summary>
public sealed class ManifestLoadingTests
{
    private const string Namespace = "production";

    public static TheoryData<string> YamlFiles => [.. YamlFilePaths()];

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Load_EveryYamlFileUnderK8s_ParsesStrictlyIntoSupportedKinds(string file)
    {
        var documents = ManifestLoader.LoadFile(Path.Combine(ManifestFolder.Root, file), file);

        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.Contains(d.GetType(), ManifestLoader.TypeMap.Values));
    }

    [Theory]
    [InlineData("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: x\n", "unknown apiVersion/kind")]
    [InlineData("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: x\n", "unsupported kind")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replica: 3\n", "replica")]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  name: y\n", "Duplicate key")]
    [InlineData("kind: Service\nmetadata:\n  name: x\n", "unknown apiVersion/kind")]
    public void Load_InvalidManifest_ThrowsNamingTheProblem(string yaml, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ManifestLoader.Load(yaml, "test.yaml"));

        Assert.StartsWith("test.yaml: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void YamlFiles_UnderK8s_LiveDirectlyInAFolderWithAKustomizationOrAreTheKustomizationOfOneOfItsComponents()
    {
        var misplaced = YamlFilePaths().Where(f => f.Split(Path.DirectorySeparatorChar) switch
        {
            [var folder, _] => !IsKustomized(folder),
            [var folder, _, "kustomization.yaml"] => !IsKustomized(folder),
            _ => true,
        });

        Assert.Empty(misplaced);
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void Components_EveryFolder_AreKustomizeComponentsOfInlinePatchesOnly(string folder)
    {
        var manifests = ManifestFolder.Load(folder);

        Assert.All(manifests.ComponentNames, name =>
        {
            var component = manifests.Component(name);
            Assert.Equal(("kustomize.config.k8s.io/v1alpha1", "Component"), (component.ApiVersion, component.Kind));
            Assert.NotEmpty(component.Patches);
            Assert.All(component.Patches, p => Assert.False(string.IsNullOrWhiteSpace(p.Patch), $"{name}: a patch without inline text"));
            // Inline patches only: a file beside the kustomization would be a resource or patch no check reads.
            Assert.Equal(["kustomization.yaml"], Directory.EnumerateFileSystemEntries(Path.Combine(manifests.FullPath, name)).Select(e => Path.GetFileName(e)));
        });
        Assert.All(manifests.Kustomization.Components, c => Assert.Contains(c, manifests.ComponentNames));
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void Metadata_EveryResource_IsNamedAndInNamespaceProduction(string folder)
    {
        var resources = ManifestFolder.Load(folder).OfType<IKubernetesObject<V1ObjectMeta>>().ToList();

        var ns = Assert.Single(resources.OfType<V1Namespace>());
        Assert.Equal(Namespace, ns.Metadata.Name);
        Assert.All(resources, r => Assert.False(string.IsNullOrEmpty(r.Metadata?.Name), $"{r.Kind} without a name"));
        Assert.All(resources.Where(r => r is not V1Namespace), r =>
            Assert.True(r.Metadata.NamespaceProperty == Namespace, $"{r.Kind} {r.Metadata.Name} is in namespace '{r.Metadata.NamespaceProperty}'"));
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void Metadata_EveryFolder_HasNoTwoResourcesOfTheSameKindAndName(string folder)
    {
        var duplicates = ManifestFolder.Load(folder).OfType<IKubernetesObject<V1ObjectMeta>>()
            .GroupBy(r => $"{r.ApiVersion}/{r.Kind}/{r.Metadata.Name}")
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(ManifestFolder.All), MemberType = typeof(ManifestFolder))]
    public void KustomizationResources_EveryFolder_ListEveryYamlFileOnce(string folder)
    {
        var manifests = ManifestFolder.Load(folder);
        var kustomization = manifests.Kustomization;
        var files = ManifestFolder.YamlFiles(manifests.FullPath)
            .Select(f => Path.GetFileName(f))
            .Where(f => f != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

        Assert.Equal("kustomize.config.k8s.io/v1beta1", kustomization.ApiVersion);
        Assert.Equal("Kustomization", kustomization.Kind);
        Assert.Equal(kustomization.Resources.Count, kustomization.Resources.Distinct(StringComparer.Ordinal).Count());
        Assert.All(kustomization.Resources, r => Assert.True(File.Exists(Path.Combine(manifests.FullPath, r)), $"{r} does not exist"));
        Assert.Equal(files, kustomization.Resources.Order(StringComparer.Ordinal));
    }

    private static bool IsKustomized(string folder) => File.Exists(Path.Combine(ManifestFolder.Root, folder, "kustomization.yaml"));

    /// <summary>Every YAML file under k8s/, relative to it, found recursively so a misplaced file is checked too.</summary>
    private static IEnumerable<string> YamlFilePaths() =>
        Directory.EnumerateFiles(ManifestFolder.Root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(ManifestFolder.Root, f))
            .Order(StringComparer.Ordinal);
}
