using FleetOps.Hub.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace FleetOps.Hub.Api;

/// <summary>The hub's routes: everything under /api/v1 and /metrics needs the admin bearer token; health probes do not.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapHubApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", OperationsEndpoints.Health);
        app.MapGet("/readyz", OperationsEndpoints.Ready);
        app.MapHubMetrics();

        var api = app.MapGroup("/api/v1").AddEndpointFilter<BearerTokenFilter>();
        api.MapGet("/fleet", FleetEndpoints.GetFleet);
        api.MapGet("/groups", FleetEndpoints.GetGroups);
        api.MapGet("/groups/{name}", FleetEndpoints.GetGroup);
        api.MapGet("/groups/{name}/rollout", RolloutEndpoints.Get);
        api.MapPost("/groups/{name}/rollout/{action}", RolloutEndpoints.Act);
        api.MapGet("/groups/{name}/history", RolloutEndpoints.History);
        api.MapGet("/groups/{name}/removal", RemovalEndpoints.Get);
        api.MapGet("/clusters", ClusterEndpoints.List);
        api.MapPost("/clusters", ClusterEndpoints.Register);
        api.MapGet("/clusters/{id}", ClusterEndpoints.Get);
        api.MapGet("/clusters/{id}/history", ClusterEndpoints.History);
        api.MapGet("/clusters/{id}/objects", ObjectEndpoints.Get);
        api.MapDelete("/clusters/{id}", ClusterEndpoints.Deregister);
        api.MapPost("/clusters/{id}/token", ClusterEndpoints.ReplaceToken);
        api.MapPost("/clusters/{id}/labels", LabelEndpoints.Relabel);
        api.MapPost("/clusters/{id}/pins", RolloutEndpoints.Pin);
        api.MapDelete("/clusters/{id}/pins/{group}", RolloutEndpoints.Unpin);
        api.MapPost("/refresh", OperationsEndpoints.Refresh);
        api.MapGet("/broker", BrokerEndpoints.Get);
        api.MapGet("/broker/ca", BrokerEndpoints.GetCa);
        api.MapGet("/revisions/{sha}", RevisionEndpoints.Get);
        api.MapGet("/events", EventEndpoints.List);
        return app;
    }
}
