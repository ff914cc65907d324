using System.Globalization;
using k8s.Models;

namespace Manifests.Tests.Infrastructure;

/// <summary>Resolves references into a pod template the way the kubelet and the endpoints controller do.</summary>
public static class Pods
{
    /// <summary>
    /// The container port a Service targetPort or probe port refers to: by name, a port of that name; by number, a
    /// declared containerPort of that number. Null when nothing matches.
    /// </summary>
    public static V1ContainerPort? ResolvePort(V1Container container, IntOrString? port)
    {
        var value = port?.Value;
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var ports = container.Ports ?? [];
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? ports.FirstOrDefault(p => p.ContainerPort == number)
            : ports.FirstOrDefault(p => string.Equals(p.Name, value, StringComparison.Ordinal));
    }

    /// <summary>The HTTP probes of a container, named for messages.</summary>
    public static IEnumerable<(string Kind, V1HTTPGetAction HttpGet)> HttpProbes(V1Container container)
    {
        var probes = new[] { ("liveness", container.LivenessProbe), ("readiness", container.ReadinessProbe), ("startup", container.StartupProbe) };
        foreach (var (kind, probe) in probes)
        {
            if (probe?.HttpGet is { } httpGet)
            {
                yield return (kind, httpGet);
            }
        }
    }

    /// <summary>The repository part of an image reference: <c>kubeapp:2.0</c> → <c>kubeapp</c>.</summary>
    public static string ImageRepository(string image)
    {
        var tag = image.LastIndexOf(':');
        return tag > image.LastIndexOf('/') ? image[..tag] : image;
    }
}
