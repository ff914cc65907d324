using AppHost.Topology;

// The whole canary topology on one machine: KubeApp pods of both tracks, the gateway and the Aspire dashboard.
var builder = DistributedApplication.CreateBuilder(args);
builder.AddCanaryTopology();
builder.Build().Run();
