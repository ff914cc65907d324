using Gateway.Discovery.Kubernetes;
using Gateway.Tracks;
using k8s.Models;

namespace Gateway.Tests.Discovery.Kubernetes;

public sealed class EndpointSliceParserTests
{
    private static V1EndpointSlice Slice(string addressType = "IPv4", IList<Discoveryv1EndpointPort>? ports = null, params V1Endpoint[] endpoints) => new()
    {
        AddressType = addressType,
        Ports = ports ?? [new Discoveryv1EndpointPort { Name = "kubeapp", Port = 8080 }],
        Endpoints = endpoints,
    };

    private static V1Endpoint Endpoint(string? address, bool? ready = null, string? podUid = null) => new()
    {
        Addresses = address is null ? [] : [address],
        Conditions = ready is null ? null : new V1EndpointConditions { Ready = ready },
        TargetRef = podUid is null ? null : new V1ObjectReference { Kind = "Pod", Uid = podUid },
    };

    [Fact]
    public void Parse_ReadyAbsentOrTrue_Ready_FalseNotReady()
    {
        var endpoints = EndpointSliceParser.Parse(Slice(endpoints: [Endpoint("10.0.0.1"), Endpoint("10.0.0.2", ready: true), Endpoint("10.0.0.3", ready: false)]), Track.Canary, null, out var problem);

        Assert.Null(problem);
        Assert.NotNull(endpoints);
        Assert.Equal([true, true, false], endpoints.Select(e => e.Ready));
        Assert.Equal(["canary/10.0.0.1:8080", "canary/10.0.0.2:8080", "canary/10.0.0.3:8080"], endpoints.Select(e => e.Id));
    }

    [Fact]
    public void Parse_IPv6_BracketedAddress()
    {
        var endpoints = EndpointSliceParser.Parse(Slice("IPv6", endpoints: [Endpoint("fd00::1", podUid: "uid-1")]), Track.Stable, null, out _);

        var endpoint = Assert.Single(endpoints ?? []);
        Assert.Equal("http://[fd00::1]:8080/", endpoint.Address.AbsoluteUri);
        Assert.Equal("uid-1", endpoint.Pod);
    }

    [Fact]
    public void Parse_NamedPortAmongSeveral_UsesIt()
    {
        var ports = new List<Discoveryv1EndpointPort> { new() { Name = "metrics", Port = 9100 }, new() { Name = "http", Port = 8080 } };

        var endpoints = EndpointSliceParser.Parse(Slice(ports: ports, endpoints: [Endpoint("10.0.0.1")]), Track.Stable, "http", out var problem);

        Assert.Null(problem);
        Assert.Equal(8080, endpoints!.Single().Address.Port);
    }

    [Theory]
    [InlineData(null, "2 ports and no PortName to choose one")]
    [InlineData("web", "no port named 'web'")]
    public void Parse_SeveralPortsNoneChosen_WholeSliceUnusable(string? portName, string expected)
    {
        var ports = new List<Discoveryv1EndpointPort> { new() { Name = "metrics", Port = 9100 }, new() { Name = "http", Port = 8080 } };

        var endpoints = EndpointSliceParser.Parse(Slice(ports: ports, endpoints: [Endpoint("10.0.0.1")]), Track.Stable, portName, out var problem);

        Assert.Empty(endpoints ?? []);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Parse_FqdnAddressType_Rejected()
    {
        var endpoints = EndpointSliceParser.Parse(Slice("FQDN", endpoints: [Endpoint("pod.example")]), Track.Stable, null, out var problem);

        Assert.Null(endpoints);
        Assert.Equal("address type 'FQDN' is not IPv4 or IPv6", problem);
    }

    [Fact]
    public void Parse_NoPorts_Rejected()
    {
        var endpoints = EndpointSliceParser.Parse(Slice(ports: [], endpoints: [Endpoint("10.0.0.1")]), Track.Stable, null, out var problem);

        Assert.Null(endpoints);
        Assert.Equal("no ports", problem);
    }

    [Fact]
    public void Parse_EndpointWithoutValidAddress_SkippedAndReported()
    {
        var endpoints = EndpointSliceParser.Parse(Slice(endpoints: [Endpoint(null), Endpoint("not-an-ip"), Endpoint("10.0.0.1")]), Track.Stable, null, out var problem);

        Assert.Single(endpoints!);
        Assert.Equal("2 endpoint(s) without a valid IP address skipped", problem);
    }
}
