using Gateway.Management;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Rollouts;

/// <summary>
/// <c>GET /rollout/sample</c> on the management port: this replica's cumulative traffic since its process started
/// (<see cref="RolloutSampleDocument"/>), which the leader reads from every peer. Read-only, so no token.
/// </summary>
internal static class RolloutSampleEndpoints
{
    public static IEndpointRouteBuilder MapRolloutSample(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/rollout/sample", ([FromServices] RolloutController rollouts, [FromServices] TrafficRecorder recorder, [FromServices] RolloutInstance instance) =>
        {
            if (!rollouts.Options.Enabled)
            {
                return BearerToken.Error(StatusCodes.Status404NotFound, "rollouts are disabled (Gateway:Rollout:Enabled=false)");
            }

            var sample = new LocalRolloutSamples(recorder, rollouts.Self, instance.Id).Read();
            return Results.Bytes(RolloutSampleDocument.Write(sample), "application/json");
        });

        return endpoints;
    }
}
