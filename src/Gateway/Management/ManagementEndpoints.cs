using Gateway.Hosting;
using Gateway.Resilience;
using Gateway.Rollouts;
using Gateway.Tracks;
using OpenTelemetry.Metrics;

namespace Gateway.Management;

/// <summary>The management port's endpoints (DESIGN.md "Ports"), never reachable on the public ports.</summary>
public static class ManagementEndpoints
{
    /// <summary>
    /// Sends requests that arrived on a management listener to the management endpoints; everything else continues
    /// to the proxy. Must come before routing, so a public request for <c>/healthz</c> is proxied like any other path.
    /// </summary>
    public static IApplicationBuilder UseGatewayManagement(this IApplicationBuilder app)
    {
        var registry = app.ApplicationServices.GetRequiredService<ListenerRegistry>();
        return app.MapWhen(
            context => registry.IsManagementPort(context.Connection.LocalPort),
            management =>
            {
                management.UseRouting();
                management.UseEndpoints(endpoints => endpoints.MapGatewayManagement());
            });
    }

    /// <summary>Maps <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, <c>/status</c>, <c>/rollout</c> and the dashboard at <c>/</c>.</summary>
    public static IEndpointRouteBuilder MapGatewayManagement(this IEndpointRouteBuilder endpoints)
    {
        // Alive as long as the process can answer.
        endpoints.MapGet("/healthz", () => TypedResults.Text("ok\n"));

        // Ready once discovery has listed both tracks once (and not draining); Kubernetes keeps the pod out of the Service until then.
        // With rollouts across replicas, also once the rollout's state was read: before, the pod would route at the
        // idle weight in the middle of a rollout.
        endpoints.MapGet("/readyz", (EndpointCatalog catalog, ShutdownDrain shutdown, RolloutController rollouts) =>
            shutdown.Draining ? Results.Text("shutting down\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : !catalog.Current.Synced ? Results.Text("discovery has not synced both tracks yet\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : rollouts.Options.Enabled && !rollouts.StateSynced ? Results.Text($"the rollout state (ConfigMap {Rollouts.Kubernetes.RolloutObjectNames.Shared}) has not been read yet\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ready\n"));

        endpoints.MapGet("/status", (StatusReportBuilder status) => TypedResults.Json(status.Build(), StatusJson.Options));

        endpoints.MapGet("/", () => TypedResults.Text(Dashboard.Html, "text/html; charset=utf-8"));

        endpoints.MapRolloutApi();
        endpoints.MapRolloutSample();

        if (endpoints.ServiceProvider.GetService<MeterProvider>() is not null)
        {
            endpoints.MapPrometheusScrapingEndpoint("/metrics");
        }
        else
        {
            endpoints.MapGet("/metrics", () => Results.Text("telemetry is disabled (Gateway:Telemetry:Enabled=false)\n", statusCode: StatusCodes.Status404NotFound));
        }

        return endpoints;
    }
}
