using System.Text;
using System.Text.Json;
using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace Manifests.Tests.Infrastructure;

/// <summary>The pieces of k8s/gateway the gateway tests look at.</summary>
public sealed class GatewayManifests
{
    /// <summary>The ConfigMap key holding the settings file.</summary>
    public const string ConfigKey = "gateway.json";

    public GatewayManifests()
    {
        Folder = ManifestFolder.Load("gateway");
        Deployment = Folder.Get<V1Deployment>("canary-gateway");
        Container = Assert.Single(Deployment.Spec.Template.Spec.Containers);
        ConfigMap = Folder.Get<V1ConfigMap>("canary-gateway-config");
    }

    public ManifestFolder Folder { get; }

    public V1Deployment Deployment { get; }

    public V1PodSpec Pod => Deployment.Spec.Template.Spec;

    public V1Container Container { get; }

    public V1ConfigMap ConfigMap { get; }

    /// <summary>The ConfigMap's settings file, as the pods see it.</summary>
    public string SettingsJson
    {
        get
        {
            Assert.True(ConfigMap.Data.TryGetValue(ConfigKey, out var json), $"ConfigMap has no key {ConfigKey}");
            return json;
        }
    }

    /// <summary>
    /// The ConfigMap's settings file, read the way the gateway reads a JSON settings file. Its <c>//</c> comments are
    /// fine (the configuration reader skips them and the settings explain themselves with them), but otherwise it
    /// must be strict JSON: no trailing commas, which the configuration reader would also forgive.
    /// </summary>
    public IConfiguration LoadConfiguration()
    {
        var json = SettingsJson;
        using (JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }))
        {
        }

        return new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
    }

    /// <summary>The container port named <paramref name="name"/>.</summary>
    public int ContainerPort(string name) => Assert.Single(Container.Ports, p => p.Name == name).ContainerPort;

    /// <summary>The value of the container's environment variable <paramref name="name"/>.</summary>
    public string? Env(string name) => EnvVar(name).Value;

    /// <summary>The container's environment variable <paramref name="name"/>.</summary>
    public V1EnvVar EnvVar(string name) => Assert.Single(Container.Env ?? [], e => e.Name == name);

    /// <summary>The mount of the pod volume whose source matches <paramref name="predicate"/>.</summary>
    public (V1Volume Volume, V1VolumeMount Mount) VolumeMount(Func<V1Volume, bool> predicate)
    {
        var volume = Assert.Single(Pod.Volumes, v => predicate(v));
        return (volume, Assert.Single(Container.VolumeMounts, m => m.Name == volume.Name));
    }
}
