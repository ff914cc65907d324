using System.Net;
using FakeKubeApi;
using k8s.Models;

namespace LoadTests.Bench;

/// <summary>
/// The EndpointSlices <c>convergence</c> serves: each Service lists <see cref="Endpoints"/> endpoints spread as evenly
/// as possible over <see cref="Slices"/> slices. The stable Service: its real pod plus ready filler addresses, so
/// YARP's cluster holds as many destinations as the Service has endpoints (no request goes to stable: the client asks
/// the pinned canary host). The canary Service: the pod that moves, the only ready endpoint, first in slice 0, plus
/// fillers listed not ready. Every change rewrites slice 0 alone, and the gateway re-reads all of the Service's
/// endpoints; the fillers being not ready is what keeps the outcome observable: with a thousand ready canary endpoints
/// the one that changed would answer a random one request in a thousand.
/// </summary>
internal sealed class ConvergenceSlices
{
    public const string StableService = "kubeapp-production-service";
    public const string CanaryService = "kubeapp-canary-service";

    /// <summary>The Kubernetes default of the endpointslice controller's --max-endpoints-per-slice is 100; its limit is 1000.</summary>
    public const int MaxPerSlice = 1000;

    public const int MaxEndpoints = 10_000;

    /// <summary>Second octets of the fillers: 127.30.x.y (canary), 127.31.x.y (stable); nothing listens there.</summary>
    private const byte CanaryFillerRange = 30;
    private const byte StableFillerRange = 31;

    private readonly int[] _sizes;

    public ConvergenceSlices(int endpoints, int slices)
    {
        if (Validate(endpoints, slices) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        Endpoints = endpoints;
        Slices = slices;
        _sizes = Enumerable.Range(0, slices).Select(i => (endpoints / slices) + (i < endpoints % slices ? 1 : 0)).ToArray();
    }

    /// <summary>Endpoints of each Service.</summary>
    public int Endpoints { get; }

    /// <summary>Slices of each Service.</summary>
    public int Slices { get; }

    /// <summary>Endpoints per slice, slice 0 first (the largest when they cannot all be equal).</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>The first problem with <c>--endpoints</c> and <c>--slices</c>, as one line, or null.</summary>
    public static string? Validate(int endpoints, int slices)
    {
        if (endpoints is < 1 or > MaxEndpoints)
        {
            return $"--endpoints must be between 1 and {MaxEndpoints}, got {endpoints}";
        }

        if (slices < 1 || slices > endpoints)
        {
            return $"--slices must be between 1 and --endpoints ({endpoints}), got {slices}";
        }

        return endpoints > slices * MaxPerSlice
            ? $"--slices {slices} would put more than {MaxPerSlice} endpoints in a slice (the API's limit): use at least {(endpoints + MaxPerSlice - 1) / MaxPerSlice}"
            : null;
    }

    /// <summary>Filler number <paramref name="n"/> (from 0) of a track: 127.30/31.(n / 250).(2 + n % 250).</summary>
    public static IPAddress Filler(bool canary, int n) =>
        new([127, canary ? CanaryFillerRange : StableFillerRange, (byte)(n / 250), (byte)(2 + (n % 250))]);

    /// <summary>Every slice of the stable Service: <paramref name="pod"/> first, then ready fillers.</summary>
    public IReadOnlyList<V1EndpointSlice> Stable(string pod) => Enumerable.Range(0, Slices).Select(i => Slice(canary: false, i, pod)).ToArray();

    /// <summary>Every slice of the canary Service: <paramref name="pod"/> (ready) first, then fillers listed not ready.</summary>
    public IReadOnlyList<V1EndpointSlice> Canary(string pod) => Enumerable.Range(0, Slices).Select(i => Slice(canary: true, i, pod)).ToArray();

    /// <summary>Slice 0 of the canary Service with <paramref name="pod"/> as its ready endpoint: what each change writes.</summary>
    public V1EndpointSlice CanaryChange(string pod) => Slice(canary: true, 0, pod);

    private V1EndpointSlice Slice(bool canary, int index, string pod)
    {
        var builder = EndpointSliceBuilder.For(canary ? CanaryService : StableService)
            .Name(Slices == 1 ? (canary ? "canary" : "stable") : $"{(canary ? "canary" : "stable")}-{index}")
            .Port(Topology.InProcessTopology.PodPort, "http");
        var first = _sizes.Take(index).Sum();
        for (var i = first; i < first + _sizes[index]; i++)
        {
            // Endpoint 0 is the real pod; filler n stands for endpoint n + 1.
            builder = i == 0 ? builder.Endpoint(pod, ready: true) : builder.Endpoint(Filler(canary, i - 1).ToString(), ready: !canary);
        }

        return builder.Build();
    }
}
