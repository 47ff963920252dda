using FleetOps.Hub.Definitions;
using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Security;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Grains;

/// <summary>
/// One shard of the cluster registry. Registrations are persisted; reports are kept in memory because
/// every cluster sends a fresh one when the hub starts.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ClusterDirectoryGrain(
    [PersistentState("directory", HubStorage.Name)] IPersistentState<DirectoryState> state,
    ISelectorMatcher selectors,
    IOptions<HubOptions> options,
    TimeProvider time) : Grain, IClusterDirectoryGrain
{
    private readonly Dictionary<string, ClusterReport> reports = new(StringComparer.Ordinal);

    private Dictionary<string, Registration> Clusters => state.State.Clusters;

    public async Task<bool> RegisterAsync(string clusterId, string tokenHash, DateTimeOffset at)
    {
        if (Clusters.ContainsKey(clusterId))
            return false;
        Clusters[clusterId] = new Registration(tokenHash, at);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<bool> ReplaceTokenAsync(string clusterId, string tokenHash)
    {
        if (!Clusters.TryGetValue(clusterId, out var registration))
            return false;
        Clusters[clusterId] = registration with { TokenHash = tokenHash };
        await state.WriteStateAsync();
        return true;
    }

    public Task<bool> VerifyTokenAsync(string clusterId, string tokenHash) =>
        Task.FromResult(Clusters.TryGetValue(clusterId, out var registration) && Tokens.HashesEqual(registration.TokenHash, tokenHash));

    public Task<bool> IsRegisteredAsync(string clusterId) => Task.FromResult(Clusters.ContainsKey(clusterId));

    public Task<IReadOnlyList<string>> GetIdsAsync() => Task.FromResult<IReadOnlyList<string>>(Clusters.Keys.ToList());

    public Task ReportAsync(ClusterReport report)
    {
        if (!reports.TryGetValue(report.Id, out var current) || current.Stamp < report.Stamp)
            reports[report.Id] = report;
        return Task.CompletedTask;
    }

    public Task<Immutable<IReadOnlyList<ClusterSummary>>> QueryAsync(ClusterQuery query)
    {
        var now = time.GetUtcNow();
        var staleAfter = options.Value.StaleAfter;
        var matches = new List<ClusterSummary>();
        foreach (var id in Clusters.Keys)
        {
            var report = reports.GetValueOrDefault(id) ?? Unreported(id);
            var groups = report.Members.Select(m => m.Group).ToList();
            var online = report.Presence is PresenceState.Online;
            var silentFor = report.LastSeen is { } seen ? now - seen : (TimeSpan?)null;
            if (query.Group is not null && !groups.Contains(query.Group))
                continue;
            if (query.Phase is not null && report.Phase != query.Phase)
                continue;
            if (query.StaleFor is { } staleFor && !(online && silentFor >= staleFor))
                continue;
            if (query.Selector is not null && !selectors.Matches(query.Selector, report.Labels))
                continue;
            matches.Add(new ClusterSummary(id, report.Labels, report.Phase, report.Presence, report.LastSeen,
                online && silentFor > staleAfter, groups, report.Generation, report.LastPhase));
        }
        return Task.FromResult(((IReadOnlyList<ClusterSummary>)matches).AsImmutable());
    }

    public Task<PhaseCounts> CountAsync()
    {
        var counts = new int[Enum.GetValues<Phase>().Length];
        foreach (var id in Clusters.Keys)
            counts[(int)(reports.GetValueOrDefault(id)?.Phase ?? Phase.Unknown)]++;
        return Task.FromResult(new PhaseCounts(
            counts[(int)Phase.Converged], counts[(int)Phase.Pending], counts[(int)Phase.Progressing], counts[(int)Phase.Degraded],
            counts[(int)Phase.Failed], counts[(int)Phase.Offline], counts[(int)Phase.Unknown]));
    }

    public Task<IReadOnlyList<MemberReport>> GetGroupMembersAsync(string group) =>
        Task.FromResult<IReadOnlyList<MemberReport>>(reports.Values.SelectMany(r => r.Members).Where(m => m.Group == group).ToList());

    public Task BroadcastAsync(FleetSnapshot snapshot)
    {
        foreach (var id in Clusters.Keys)
            _ = GrainFactory.GetGrain<IClusterGrain>(id).ApplySnapshotAsync(snapshot);
        return Task.CompletedTask;
    }

    private static ClusterReport Unreported(string id) =>
        new(id, new Dictionary<string, string>(), Phase.Unknown, null, null, 0, [], 0);
}
