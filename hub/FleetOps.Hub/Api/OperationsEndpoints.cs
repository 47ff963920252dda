using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Messaging;
using FleetOps.Hub.Source;
using FleetOps.Hub.Storage.Postgres;
using FleetOps.Shared.Api;
using FleetOps.Shared.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetOps.Hub.Api;

/// <summary>Refresh, health and readiness; metrics are <see cref="MetricsEndpoint"/>.</summary>
internal static class OperationsEndpoints
{
    /// <summary>Polls now, on whichever silo watches the repository (<see cref="GitWatcher.RefreshAsync"/>).</summary>
    public static async Task<Ok<RefreshResult>> Refresh(GitWatcher watcher, CancellationToken cancellationToken) =>
        TypedResults.Ok(await watcher.RefreshAsync(cancellationToken));

    public static Ok<string> Health() => TypedResults.Ok("ok");

    /// <summary>At most this many clusters needing attention are checked again and named per probe.</summary>
    private const int AttentionNamed = 10;

    /// <summary>
    /// 200 once the hub serves the fleet, naming any cluster whose stored state could not be read whole (the
    /// answer a probe and an operator both read); those are checked again on each probe and drop off once
    /// their agent has reported since. They never make the hub unready: one store must not take the API away.
    /// </summary>
    public static async Task<Results<Ok<string>, ProblemHttpResult>> Ready(HubReadiness readiness, IAgentTransport transport, DatabaseHealth database, IGrainFactory grains, RendererDetection renderer)
    {
        if (database.Problem is { } unreachable)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: unreachable);
        if (!transport.IsConnected)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "the hub cannot reach agents: the MQTT broker is not running or not connected");
        if (!readiness.IsReady)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: "clusters are still being resumed");
        foreach (var id in readiness.NeedAttention.Keys.Order(StringComparer.Ordinal).Take(AttentionNamed).ToList())
            await RecheckAsync(id, readiness, grains);
        var attention = readiness.NeedAttention;
        // Ready whatever the renderer: plain YAML groups need none. The body says which one kustomize groups get.
        var rendering = $"renderer: {renderer.Current?.Describe() ?? "being detected"}";
        if (attention.Count == 0)
            return TypedResults.Ok($"ready; {rendering}");
        var named = attention.OrderBy(a => a.Key, StringComparer.Ordinal).Take(AttentionNamed).Select(a => $"{a.Key}: {a.Value}");
        return TypedResults.Ok($"ready; {rendering}; the stored state of {attention.Count} cluster(s) could not be read whole: {string.Join("; ", named)}");
    }

    private static async Task RecheckAsync(string id, HubReadiness readiness, IGrainFactory grains)
    {
        try
        {
            var detail = await grains.GetGrain<IClusterGrain>(id).GetDetailAsync(0);
            if (detail?.StateProblem is null)
                readiness.Resolved(id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            readiness.NeedsAttention(id, $"could not be loaded: {e.Message}");
        }
    }
}
