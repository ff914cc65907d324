using Gateway.Configuration;
using Gateway.Management;

namespace Gateway.Rollouts;

/// <summary>
/// <c>GET /rollout</c> and <c>POST /rollout/{start,pause,resume,promote,abort,reset}</c> on the management port. Calls are
/// answered in DESIGN's order: 404 disabled → 403 no token configured → 401 missing or wrong token → 409 not allowed
/// now → 200 with the new document.
/// </summary>
internal static class RolloutEndpoints
{
    public static IEndpointRouteBuilder MapRolloutApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/rollout", async (RolloutController rollouts, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!rollouts.Options.Enabled)
            {
                return Disabled();
            }

            var document = rollouts.Document();
            if (!rollouts.IsLeader && rollouts.Leader is { } leader && !context.Request.Headers.ContainsKey(ForwardedHeader)
                && context.RequestServices.GetService<ILeaderForwarder>() is { } forwarder)
            {
                // Only the leader runs checks; a follower shows the leader's, so any replica tells the whole story (a
                // request another replica sent is answered with what is here: two replicas that each think the
                // other leads never ask each other in circles).
                document = document with { Checks = await forwarder.GetLeaderChecksAsync(leader, cancellationToken) ?? [] };
            }

            return Results.Json(document, StatusJson.Options);
        });

        endpoints.MapPost("/rollout/{command}", async (string command, HttpRequest request, RolloutController rollouts, IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            if (!Enum.TryParse<RolloutCommand>(command, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(command[0]))
            {
                return BearerToken.Error(StatusCodes.Status404NotFound, $"unknown rollout call '{command}': use start, pause, resume, promote, abort or reset");
            }

            if (!rollouts.Options.Enabled)
            {
                return Disabled();
            }

            // Read per call, so a rotated Secret applies without a restart.
            var token = GatewaySettings.BindOrDefault<ManagementOptions>(configuration, ManagementOptions.SectionName).Token;
            if (BearerToken.Refusal(request, token) is { } refusal)
            {
                return refusal;
            }

            if (!rollouts.IsLeader && request.HttpContext.RequestServices.GetService<ILeaderForwarder>() is { } forwarder)
            {
                // One replica decides: a call made on another runs on the leader, and its answer is the leader's.
                if (request.Headers.TryGetValue(ForwardedHeader, out var forwardedBy))
                {
                    return BearerToken.Error(StatusCodes.Status503ServiceUnavailable, $"forwarded here by {forwardedBy}, but this replica ({rollouts.Self}) is not the rollout leader either; retry once the election settles");
                }

                return rollouts.Leader is { } leader
                    ? await forwarder.ForwardAsync(leader, request, cancellationToken)
                    : BearerToken.Error(StatusCodes.Status503ServiceUnavailable, $"no rollout leader is known yet (this replica is {rollouts.Self}); retry in a few seconds");
            }

            var result = await rollouts.ExecuteAsync(parsed, cancellationToken);
            return result.Document is { } document ? Results.Json(document, StatusJson.Options)
                : result.Unavailable is { } unavailable ? BearerToken.Error(StatusCodes.Status503ServiceUnavailable, unavailable)
                : BearerToken.Error(StatusCodes.Status409Conflict, result.Conflict ?? "not allowed now");
        });

        return endpoints;
    }

    /// <summary>Marks a call a follower forwarded, so that two replicas that each think the other leads never bounce it.</summary>
    public const string ForwardedHeader = "X-Canary-Gateway-Forwarded-By";

    private static IResult Disabled() =>
        BearerToken.Error(StatusCodes.Status404NotFound, "rollouts are disabled (Gateway:Rollout:Enabled=false)");
}
