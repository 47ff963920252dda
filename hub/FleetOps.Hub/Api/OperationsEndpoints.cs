using FleetOps.Hub.Hosting;
using FleetOps.Hub.Messaging;
using FleetOps.Hub.Source;
using FleetOps.Shared.Api;
using FleetOps.Shared.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary>Refresh, health and readiness; metrics are <see cref="MetricsEndpoint"/>.</summary>
internal static class OperationsEndpoints
{
    public static async Task<Ok<RefreshResult>> Refresh(GitWatcher watcher, CancellationToken cancellationToken) =>
        TypedResults.Ok(await watcher.RefreshAsync(cancellationToken));

    public static Ok<string> Health() => TypedResults.Ok("ok");

    public static Results<Ok<string>, ProblemHttpResult> Ready(HubReadiness readiness, IAgentTransport transport, RendererDetection renderer)
    {
        if (!transport.IsConnected)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "the hub cannot reach agents: the MQTT broker is not running or not connected");
        if (!readiness.IsReady)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "clusters are still being resumed");
        // Ready whatever the renderer: plain YAML groups need none. The body says which one kustomize groups get.
        return TypedResults.Ok($"ready; renderer: {renderer.Current?.Describe() ?? "being detected"}");
    }
}
