using System.Globalization;
using k8s.Models;

namespace FakeKubeApi;

/// <summary>
/// Builds the EndpointSlice the endpointslice controller would write for a Service:
/// <c>EndpointSliceBuilder.For("kubeapp-production-service").Port(8080, "http").Endpoint("127.0.0.2").Build()</c>.
/// Labels <c>kubernetes.io/service-name</c> and <c>endpointslice.kubernetes.io/managed-by</c>, address type IPv4.
/// </summary>
public sealed class EndpointSliceBuilder
{
    /// <summary>The label the controller puts on every slice of a Service, and the gateway selects on.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    private static int _generated;
    private readonly string _namespace;
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly List<V1Endpoint> _endpoints = [];
    private readonly List<Discoveryv1EndpointPort> _ports = [];
    private string _name;
    private string _addressType = "IPv4";

    private EndpointSliceBuilder(string service, string @namespace)
    {
        _namespace = @namespace;
        // The controller's generateName is "<service>-" plus 5 random characters; a counter keeps names unique and readable.
        _name = service + "-" + Interlocked.Increment(ref _generated).ToString("x5", CultureInfo.InvariantCulture);
        _labels[ServiceNameLabel] = service;
        _labels["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io";
    }

    /// <summary>Starts a slice of <paramref name="service"/> in <paramref name="namespace"/>.</summary>
    public static EndpointSliceBuilder For(string service, string @namespace = "production") => new(service, @namespace);

    /// <summary>Sets the slice's name (default: the service name, a dash and a unique suffix).</summary>
    public EndpointSliceBuilder Name(string name)
    {
        _name = name;
        return this;
    }

    /// <summary>Adds or replaces a label.</summary>
    public EndpointSliceBuilder Label(string key, string value)
    {
        _labels[key] = value;
        return this;
    }

    /// <summary>Sets <c>addressType</c> (default IPv4; the API also knows IPv6 and the deprecated FQDN).</summary>
    public EndpointSliceBuilder AddressType(string addressType)
    {
        _addressType = addressType;
        return this;
    }

    /// <summary>Adds a port; <paramref name="name"/> is the Service port's name (null for an unnamed single port).</summary>
    public EndpointSliceBuilder Port(int port, string? name = null, string protocol = "TCP")
    {
        _ports.Add(new Discoveryv1EndpointPort { Port = port, Name = name, Protocol = protocol });
        return this;
    }

    /// <summary>
    /// Adds an endpoint with one address. Conditions default to a ready pod; pass <c>null</c> to leave one out
    /// (the API treats an absent <c>ready</c> as ready). With <paramref name="pod"/> a Pod <c>targetRef</c> is set.
    /// </summary>
    public EndpointSliceBuilder Endpoint(string address, bool? ready = true, bool? serving = true, bool? terminating = false, string? pod = null)
    {
        _endpoints.Add(new V1Endpoint
        {
            Addresses = [address],
            Conditions = new V1EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating },
            TargetRef = pod is null ? null : new V1ObjectReference { Kind = "Pod", Name = pod, NamespaceProperty = _namespace },
        });
        return this;
    }

    /// <summary>The slice; pass it to <see cref="FakeKubeApiServer.UpsertSlice"/>.</summary>
    public V1EndpointSlice Build() => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new V1ObjectMeta
        {
            Name = _name,
            NamespaceProperty = _namespace,
            Labels = new Dictionary<string, string>(_labels, StringComparer.Ordinal),
        },
        AddressType = _addressType,
        Endpoints = [.. _endpoints],
        Ports = [.. _ports],
    };
}
