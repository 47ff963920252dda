using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Messaging;
using FleetOps.Hub.Security;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Api;

/// <summary>Listing, reading and registering clusters.</summary>
internal static class ClusterEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const int RecentEvents = 20;
    public const int DefaultHistoryLimit = 1000;
    public const int MaxHistoryLimit = 10_000;

    public static async Task<Results<Ok<ClusterPage>, ProblemHttpResult>> List(
        string? group, string? phase, string? selector, string? staleFor, int? page, int? pageSize,
        IGrainFactory grains)
    {
        Phase? wantedPhase = null;
        if (!string.IsNullOrEmpty(phase))
        {
            if (!Enum.TryParse<Phase>(phase, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Problems.BadRequest("Invalid phase", $"phase '{phase}' is not one of {string.Join(", ", Enum.GetNames<Phase>())}");
            wantedPhase = parsed;
        }
        if (!string.IsNullOrEmpty(selector) && !LabelSelector.TryParse(selector, out _, out var selectorError))
            return Problems.BadRequest("Invalid selector", selectorError.ToString());
        TimeSpan? stale = null;
        if (!string.IsNullOrEmpty(staleFor))
        {
            if (!Durations.TryParse(staleFor, out var parsed))
                return Problems.BadRequest("Invalid staleFor", $"staleFor '{staleFor}' is not a duration such as 90s, 10m, 2h or 00:10:00");
            stale = parsed;
        }
        var size = pageSize ?? DefaultPageSize;
        var number = page ?? 1;
        if (size < 1 || size > MaxPageSize || number < 1)
            return Problems.BadRequest("Invalid page", $"page must be 1 or more and pageSize between 1 and {MaxPageSize}");

        var query = new ClusterQuery(string.IsNullOrEmpty(group) ? null : group, wantedPhase, string.IsNullOrEmpty(selector) ? null : selector, stale);
        var shards = await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.QueryAsync(query)));
        var all = shards.SelectMany(s => s.Value).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ClusterPage(all.Skip((number - 1) * size).Take(size).ToList(), number, size, all.Count));
    }

    public static async Task<Results<Ok<ClusterDetail>, ProblemHttpResult>> Get(string id, IGrainFactory grains, ILoggerFactory loggers)
    {
        if (!ClusterIds.IsValid(id) || !await ClusterDirectory.For(grains, id).IsRegisteredAsync(id))
            return await NotFoundAsync(id, grains);
        try
        {
            var detail = await grains.GetGrain<IClusterGrain>(id).GetDetailAsync(RecentEvents);
            return detail is null ? await NotFoundAsync(id, grains) : TypedResults.Ok(detail);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A registered cluster whose grain cannot load (its stored state unreadable) is still shown, with why.
            loggers.CreateLogger(typeof(ClusterEndpoints)).LogWarning(e, "Cluster {Cluster} could not be loaded", id);
            return TypedResults.Ok(ClusterDetails.Unloadable(id, $"the hub could not load this cluster: {e.Message}"));
        }
    }

    /// <summary>Pages go by seq (<paramref name="after"/>), never by time: a store's clock may step back, and its times with it.</summary>
    public static async Task<Results<Ok<HistoryPage>, ProblemHttpResult>> History(
        string id, DateTimeOffset? since, DateTimeOffset? until, long? after, int? limit, IGrainFactory grains, IJournalStore journal)
    {
        if (!ClusterIds.IsValid(id) || !await ClusterDirectory.For(grains, id).IsRegisteredAsync(id))
            return await NotFoundAsync(id, grains);
        var max = limit ?? DefaultHistoryLimit;
        if (max < 1 || max > MaxHistoryLimit)
            return Problems.BadRequest("Invalid limit", $"limit must be between 1 and {MaxHistoryLimit}");
        if (after < 0)
            return Problems.BadRequest("Invalid after", "after is a journal seq: 0 or more");
        var events = await journal.QueryAsync(id, since, until, after ?? 0, max + 1);
        return TypedResults.Ok(new HistoryPage(id, since, until, events.Take(max).Select(e => e.ToView()).ToList(), events.Count > max, after));
    }

    public static async Task<Results<Created<RegisterClusterResponse>, ProblemHttpResult>> Register(
        RegisterClusterRequest request, IGrainFactory grains, TimeProvider time, BrokerDirections broker, IAgentCredentials credentials)
    {
        if (!ClusterIds.IsValid(request.Id))
            return Problems.BadRequest("Invalid cluster id", ClusterIds.Explain(request.Id));
        var labels = request.Labels ?? new Dictionary<string, string>();
        if (LabelSet.Validate(labels) is { } labelProblem)
            return Problems.BadRequest("Invalid labels", labelProblem);
        // The shard decides who registers an id, atomically; only the winner initializes the cluster, so a
        // losing concurrent registration can never overwrite the winner's labels.
        var shard = ClusterDirectory.For(grains, request.Id);
        var token = Tokens.New();
        var now = time.GetUtcNow();
        if (!await shard.RegisterAsync(request.Id, Tokens.Hash(token), now))
            return Problems.Conflict("Cluster already registered",
                $"cluster '{request.Id}' is already registered; POST /api/v1/clusters/{request.Id}/token issues a new token");
        try
        {
            await grains.GetGrain<IClusterGrain>(request.Id).InitializeAsync(labels, now);
        }
        catch
        {
            await shard.UnregisterAsync(request.Id);
            throw;
        }
        try
        {
            await credentials.SetAsync(request.Id, token);
        }
        catch (CredentialsRefusedException e)
        {
            // A cluster that can never connect is no registration: undone whole, so the same request can be made again.
            await shard.UnregisterAsync(request.Id);
            await grains.GetGrain<IClusterGrain>(request.Id).DeregisterAsync();
            return Problems.BadGateway("The MQTT broker refused the cluster's credentials", $"cluster '{request.Id}' was not registered: {e.Message}");
        }
        return TypedResults.Created($"/api/v1/clusters/{request.Id}", new RegisterClusterResponse(request.Id, token, labels, broker.Describe()));
    }

    /// <summary>A new token; the old one stops at once: no new connection takes it and the live session is ended.</summary>
    public static async Task<Results<Ok<RegisterClusterResponse>, ProblemHttpResult>> ReplaceToken(
        string id, IGrainFactory grains, IAgentTransport transport, BrokerDirections broker, IAgentCredentials credentials)
    {
        var token = Tokens.New();
        if (!ClusterIds.IsValid(id) || !await ClusterDirectory.For(grains, id).ReplaceTokenAsync(id, Tokens.Hash(token)))
            return await NotFoundAsync(id, grains);
        try
        {
            await credentials.SetAsync(id, token);
        }
        catch (CredentialsRefusedException e)
        {
            return Problems.BadGateway("The MQTT broker refused the new token",
                $"cluster '{id}': the hub no longer takes its old token, but the broker still does: {e.Message}; ask for a new token again once the broker is fixed");
        }
        await transport.EndSessionsAsync(id, forget: false);
        var detail = await grains.GetGrain<IClusterGrain>(id).GetDetailAsync(0);
        return TypedResults.Ok(new RegisterClusterResponse(id, token, detail?.Labels ?? new Dictionary<string, string>(), broker.Describe()));
    }

    /// <summary>
    /// Deregistration, access first: the token stops verifying and the live session ends; then the cluster leaves
    /// its groups and its state and journal are deleted; last, what the broker retains for it is cleared (after
    /// the grain, whose pending publish could otherwise put its desired state back). Safe to repeat after a failure.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Deregister(
        string id, string? actor, IGrainFactory grains, IAgentTransport transport, IAgentCredentials credentials, HubReadiness readiness, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ClusterEndpoints));
        if (!ClusterIds.IsValid(id))
            return await NotFoundAsync(id, grains);
        var shard = ClusterDirectory.For(grains, id);
        var listed = await shard.IsRegisteredAsync(id);
        await shard.UnregisterAsync(id);
        try
        {
            await credentials.RemoveAsync(id);
        }
        catch (CredentialsRefusedException e)
        {
            // The registry has forgotten it either way; the operator must remove the client on the broker.
            logger.LogError("Cluster {Cluster}: the MQTT broker kept its client: {Reason}; delete it there with mosquitto_ctrl dynsec deleteClient", id, e.Message);
        }
        await transport.EndSessionsAsync(id, forget: true);
        var existed = await grains.GetGrain<IClusterGrain>(id).DeregisterAsync();
        if (!listed && !existed)
            return await NotFoundAsync(id, grains);
        try
        {
            await transport.ClearRetainedAsync(id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only its own id could read them, and that id no longer authenticates; a new registration overwrites them.
            logger.LogWarning("Deregistered cluster {Cluster}, but its retained messages could not be cleared: {Reason}", id, e.Message);
        }
        readiness.Resolved(id);
        logger.LogWarning("Cluster {Cluster} deregistered by {Actor}", id, SafeText.Clean(actor ?? "an unnamed caller", keepLineBreaks: false));
        return TypedResults.NoContent();
    }

    public static async Task<ProblemHttpResult> NotFoundAsync(string id, IGrainFactory grains)
    {
        var ids = await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.GetIdsAsync()));
        return Problems.NotFound("Cluster not found", $"there is no registered cluster '{id}'", DidYouMean.Closest(id, ids.SelectMany(i => i)));
    }
}
