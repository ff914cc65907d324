using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway;
using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Manifests.Tests.Infrastructure;

/// <summary>
/// The settings one pod of k8s/gateway starts with, put together the way the gateway puts them together: the
/// ConfigMap's files in a folder standing in for its volume, read through the gateway's own settings-file source
/// (<c>GATEWAY_CONFIG_FILE</c>), and the container's environment above them. Only what the folder does not hold is
/// made up: the values of secret references and of downward-API fields, and a certificate for foo.bar in the TLS
/// secret's folder, because validation loads the certificate files.
/// </summary>
public sealed class GatewayPod : IDisposable
{
    /// <summary>Made-up values of the downward API's fields, shaped like a real pod's; never dialled.</summary>
    private static readonly Dictionary<string, string> DownwardApi = new(StringComparer.Ordinal)
    {
        ["metadata.name"] = "canary-gateway-6d5f8b7c9d-x2k9p",
        ["status.podIP"] = "127.0.0.1",
    };

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("gateway-pod-");
    private readonly ConfigurationManager _configuration = new();

    /// <param name="gateway">The manifests.</param>
    /// <param name="settingsJson">The ConfigMap's <c>gateway.json</c> as it would be after an edit; default: as shipped.</param>
    /// <param name="secrets">Values of secret keys as <c>"secret/key"</c>; a missing one is absent from the pod, as the kubelet leaves it.</param>
    public GatewayPod(GatewayManifests gateway, string? settingsJson = null, IReadOnlyDictionary<string, string>? secrets = null)
    {
        var (configVolume, configMount) = gateway.VolumeMount(v => v.ConfigMap is not null);
        var configFolder = Directory.CreateDirectory(Path.Combine(_root.FullName, configVolume.Name)).FullName;
        foreach (var (key, value) in gateway.ConfigMap.Data)
        {
            File.WriteAllText(Path.Combine(configFolder, key), key == GatewayManifests.ConfigKey ? settingsJson ?? value : value);
        }

        var (tlsVolume, tlsMount) = gateway.VolumeMount(v => v.Secret is not null);
        var tlsFolder = Directory.CreateDirectory(Path.Combine(_root.FullName, tlsVolume.Name)).FullName;
        WriteCertificate(tlsFolder, ["foo.bar", "canary.foo.bar"]);

        var mounts = new[] { (configMount.MountPath, configFolder), (tlsMount.MountPath, tlsFolder) };
        var environment = Environment(gateway, secrets ?? new Dictionary<string, string>(), mounts);

        // Below the environment, as in the gateway: it inserts the file under the environment variables' source.
        _configuration.AddInMemoryCollection([new(ConfigFileExtensions.ConfigFileKey, environment[ConfigFileExtensions.ConfigFileKey])]);
        _configuration.AddGatewayConfigFile();
        _configuration.AddInMemoryCollection(environment);
        _configuration.AddInMemoryCollection(
        [
            new("Gateway:Tls:CertificatePath", InFolder(_configuration["Gateway:Tls:CertificatePath"], mounts)),
            new("Gateway:Tls:KeyPath", InFolder(_configuration["Gateway:Tls:KeyPath"], mounts)),
        ]);
    }

    /// <summary>The pod's settings.</summary>
    public IConfiguration Configuration => _configuration;

    /// <summary>The first problem the gateway's startup validation finds, as the one line it would exit with; null when it would start.</summary>
    public string? Validate()
    {
        var services = new ServiceCollection();
        GatewayApp.AddGatewayFeatures(services, _configuration);
        return services.GetGatewaySettings().Validate(_configuration);
    }

    public void Dispose()
    {
        _configuration.Dispose();
        _root.Delete(recursive: true);
    }

    private static Dictionary<string, string?> Environment(GatewayManifests gateway, IReadOnlyDictionary<string, string> secrets, (string Mount, string Folder)[] mounts)
    {
        var environment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in gateway.Container.Env ?? [])
        {
            string? value;
            if (variable.ValueFrom?.SecretKeyRef is { } reference)
            {
                if (!secrets.TryGetValue($"{reference.Name}/{reference.Key}", out value))
                {
                    Assert.True(reference.Optional, $"{variable.Name} needs secret {reference.Name} key {reference.Key}, which the pod would not start without");
                    continue;
                }
            }
            else if (variable.ValueFrom?.FieldRef is { } field)
            {
                Assert.True(DownwardApi.TryGetValue(field.FieldPath, out value), $"{variable.Name}: no made-up value for field {field.FieldPath}");
            }
            else
            {
                Assert.Null(variable.ValueFrom);
                value = variable.Name == ConfigFileExtensions.ConfigFileKey ? InFolder(variable.Value, mounts) : variable.Value;
            }

            // What .NET's environment-variable source does with a name: "__" separates sections.
            environment[variable.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    private static string? InFolder(string? path, (string Mount, string Folder)[] mounts)
    {
        foreach (var (mount, folder) in mounts)
        {
            if (path is not null && path.StartsWith(mount + "/", StringComparison.Ordinal))
            {
                return Path.Combine(folder, path[(mount.Length + 1)..]);
            }
        }

        return path;
    }

    /// <summary>Writes <c>tls.crt</c> and <c>tls.key</c> as <c>kubectl create secret tls</c> stores them.</summary>
    private static void WriteCertificate(string folder, string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(Path.Combine(folder, "tls.crt"), certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "tls.key"), key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
