using Yarp.ReverseProxy.Configuration;

// The floor the gateway's cost is judged against (`canary-load bench`): a bare YARP reverse proxy over the same pods —
// one catch-all route, one cluster, round robin over every destination given as an argument, no logging, no
// telemetry, no health checks. Its split by pod count (1 canary of 4) matches the gateway's weight 25.
//   dotnet BareYarp.dll --urls http://127.0.0.1:18582 http://127.0.0.2:8080 http://127.0.0.3:8080 …
// Positional arguments are destinations; "--key value" pairs are the host's settings (--urls), and so are
// "--key=value" ones: with --tls the bench binds HTTP and HTTPS with Kestrel's endpoint settings, e.g.
//   --Kestrel:Endpoints:Https:Url=https://127.0.0.1:18584 --Kestrel:Endpoints:Https:Certificate:Path=tls.crt …:KeyPath=tls.key
var destinations = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal) || args[i - 1].Contains('=', StringComparison.Ordinal))).ToArray();
if (destinations.FirstOrDefault(d => !Uri.IsWellFormedUriString(d, UriKind.Absolute)) is { } bad)
{
    Console.Error.WriteLine($"BareYarp: '{bad}' is not an absolute destination URL");
    return 2;
}

if (destinations.Length == 0)
{
    Console.Error.WriteLine("usage: BareYarp --urls http://127.0.0.1:PORT DESTINATION_URL [DESTINATION_URL …]");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
// The slim builder leaves out HTTPS endpoint configuration (Kestrel:Endpoints:*:Certificate); the TLS floor needs it.
builder.WebHost.UseKestrelHttpsConfiguration();
builder.Logging.ClearProviders();
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "pods", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig
    {
        ClusterId = "pods",
        LoadBalancingPolicy = "RoundRobin",
        Destinations = destinations.Select((url, i) => (url, i)).ToDictionary(d => $"pod{d.i}", d => new DestinationConfig { Address = d.url }),
    }]);

var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
return 0;
