using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Security;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Selectors;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Grains;

/// <summary>
/// One shard of the cluster registry. Registrations are persisted; reports are kept in memory because
/// every cluster sends a fresh one when the hub starts. It also brings its clusters up to each new fleet
/// snapshot, retrying with backoff any that could not take it, so no cluster is left behind silently.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class ClusterDirectoryGrain(
    [PersistentState("directory", HubStorage.Name)] IPersistentState<DirectoryState> state,
    IOptions<HubOptions> options,
    TimeProvider time) : Grain, IClusterDirectoryGrain
{
    // Clusters told about a snapshot at once; enough to keep storage and the broker busy without a flood of calls.
    private const int PushParallelism = 32;

    private readonly Dictionary<string, ClusterReport> reports = new(StringComparer.Ordinal);
    private readonly HashSet<string> behind = new(StringComparer.Ordinal);
    private FleetSnapshot snapshot = FleetSnapshot.Empty;
    private long appliedVersion;
    private Task pushing = Task.CompletedTask;
    private CatchUp retrying = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        retrying = new CatchUp(this, _ => pushing.IsCompleted ? pushing = PushAsync() : pushing);
        return Task.CompletedTask;
    }

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

    public async Task UnregisterAsync(string clusterId)
    {
        if (Clusters.Remove(clusterId))
            await state.WriteStateAsync();
        reports.Remove(clusterId);
        behind.Remove(clusterId);
    }

    public Task<bool> VerifyTokenAsync(string clusterId, string tokenHash) =>
        Task.FromResult(Clusters.TryGetValue(clusterId, out var registration) && Tokens.HashesEqual(registration.TokenHash, tokenHash));

    public Task<bool> IsRegisteredAsync(string clusterId) => Task.FromResult(Clusters.ContainsKey(clusterId));

    public Task<IReadOnlyList<string>> GetIdsAsync() => Task.FromResult<IReadOnlyList<string>>(Clusters.Keys.ToList());

    public Task ReportAsync(ClusterReport report)
    {
        // A report that arrives after its cluster was deregistered must not bring it back into group listings.
        if (!Clusters.ContainsKey(report.Id))
            return Task.CompletedTask;
        if (!reports.TryGetValue(report.Id, out var current) || current.Stamp < report.Stamp)
            reports[report.Id] = report;
        return Task.CompletedTask;
    }

    public Task<Immutable<IReadOnlyList<ClusterSummary>>> QueryAsync(ClusterQuery query)
    {
        var now = time.GetUtcNow();
        var staleAfter = options.Value.StaleAfter;
        var selector = query.Selector is null ? null : LabelSelector.Parse(query.Selector);
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
            if (selector is not null && !selector.Matches(report.Labels))
                continue;
            matches.Add(new ClusterSummary(id, report.Labels, report.Phase, report.Presence, report.LastSeen,
                online && silentFor > staleAfter, groups, report.Generation, report.LastPhase, report.Unconfirmed));
        }
        return Task.FromResult(((IReadOnlyList<ClusterSummary>)matches).AsImmutable());
    }

    public Task<PhaseCounts> CountAsync()
    {
        var counts = new int[Enum.GetValues<Phase>().Length];
        var unconfirmed = 0;
        foreach (var id in Clusters.Keys)
        {
            var report = reports.GetValueOrDefault(id);
            counts[(int)(report?.Phase ?? Phase.Unknown)]++;
            if (report?.Unconfirmed == true)
                unconfirmed++;
        }
        return Task.FromResult(new PhaseCounts(
            counts[(int)Phase.Converged], counts[(int)Phase.Pending], counts[(int)Phase.Progressing], counts[(int)Phase.Degraded],
            counts[(int)Phase.Failed], counts[(int)Phase.Offline], counts[(int)Phase.Unknown], unconfirmed));
    }

    public Task<IReadOnlyList<MemberReport>> GetGroupMembersAsync(string group) =>
        Task.FromResult<IReadOnlyList<MemberReport>>(reports.Values.SelectMany(r => r.Members).Where(m => m.Group == group).ToList());

    public Task<Immutable<IReadOnlyList<LeavingMember>>> GetLeavingAsync(string? group) => Task.FromResult(((IReadOnlyList<LeavingMember>)reports.Values
        .SelectMany(r => (r.Leaving ?? []).Where(l => group is null || l.Group == group).Select(l => new LeavingMember(l.Group,
            new RemovalMember(r.Id, l.State, r.Presence, l.Message, l.Objects, l.PersistentVolumeClaims, l.Namespaces))))
        .ToList()).AsImmutable());

    public Task BroadcastAsync(FleetSnapshot next)
    {
        if (next.Version <= snapshot.Version)
            return Task.CompletedTask;
        snapshot = next;
        behind.UnionWith(Clusters.Keys);
        if (pushing.IsCompleted)
            pushing = PushAsync();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Hands the latest snapshot to every cluster still behind it, a batch at a time; each decides whether
    /// its desired state changes. Clusters whose call failed stay behind and are retried with backoff.
    /// </summary>
    public Task<long> GetAppliedVersionAsync() => Task.FromResult(appliedVersion);

    public Task MarkAppliedAsync(long version)
    {
        appliedVersion = Math.Max(appliedVersion, version);
        return Task.CompletedTask;
    }

    private async Task PushAsync()
    {
        var failed = false;
        while (behind.Count > 0)
        {
            var current = snapshot;
            var batch = behind.Take(PushParallelism).ToList();
            behind.ExceptWith(batch);
            var results = await Task.WhenAll(batch.Select(id => TryApplyAsync(id, current)));
            var missed = batch.Where((_, i) => !results[i]).ToList();
            if (missed.Count == 0)
                continue;
            behind.UnionWith(missed);
            failed = true;
            break;
        }
        if (failed)
            retrying.Owe();
        else
        {
            appliedVersion = Math.Max(appliedVersion, snapshot.Version);
            retrying.Paid();
        }
    }

    private async Task<bool> TryApplyAsync(string id, FleetSnapshot current)
    {
        try
        {
            await GrainFactory.GetGrain<IClusterGrain>(id).ApplySnapshotAsync(current);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static ClusterReport Unreported(string id) =>
        new(id, new Dictionary<string, string>(), Phase.Unknown, null, null, 0, [], 0);
}
