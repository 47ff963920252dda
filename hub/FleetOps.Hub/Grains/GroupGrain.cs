using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Rollouts;
using FleetOps.Hub.Storage;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Grains;

/// <summary>
/// One group: counts its members by phase, updated only when a member's phase or revision in this group
/// changes, and drives the rollout of its newest target (the partial files beside this one). Members are
/// held in memory: they report again when the hub starts, and a fresh activation first collects what the
/// directory shards already know; only the rollout's header and audit are stored.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed partial class GroupGrain(
    [PersistentState("group", HubStorage.Name)] IPersistentState<GroupState> state,
    HubReadiness readiness,
    TimeProvider time,
    ILogger<GroupGrain> logger) : Grain, IGroupGrain
{
    // A member that left stays this long as a tombstone, so that a late, older report cannot bring it back.
    private static readonly TimeSpan TombstoneLife = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, MemberReport> members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> leftAt = new(StringComparer.Ordinal);
    private readonly int[] counts = new int[Enum.GetValues<Phase>().Length];

    private GroupState S => state.State;

    private string Name => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var known = await Task.WhenAll(ClusterDirectory.All(GrainFactory).Select(shard => shard.GetGroupMembersAsync(Name)));
        foreach (var report in known.SelectMany(r => r))
            Take(report);
        this.RegisterGrainTimer(TidyAsync, TombstoneLife / 2, TombstoneLife / 2);
        StartRollout();
    }

    public async Task ReportMemberAsync(MemberReport report)
    {
        if (Take(report))
            await AdvanceAsync();
    }

    public Task<PhaseCounts> GetCountsAsync() => Task.FromResult(new PhaseCounts(
        counts[(int)Phase.Converged], counts[(int)Phase.Pending], counts[(int)Phase.Progressing], counts[(int)Phase.Degraded],
        counts[(int)Phase.Failed], counts[(int)Phase.Offline], counts[(int)Phase.Unknown]));

    public Task<Immutable<IReadOnlyList<GroupMemberView>>> GetMembersAsync() => Task.FromResult(((IReadOnlyList<GroupMemberView>)
        members.Values.Where(m => !m.Left).OrderBy(m => m.ClusterId, StringComparer.Ordinal)
            .Select(m => new GroupMemberView(m.ClusterId, m.Phase, m.DesiredRevision, m.AppliedRevision, m.Reason, m.Message)).ToList()).AsImmutable());

    /// <summary>Takes a member's report unless a newer one is already held; false when it was older.</summary>
    private bool Take(MemberReport report)
    {
        if (members.TryGetValue(report.ClusterId, out var current))
        {
            if (current.Stamp >= report.Stamp)
                return false;
            if (!current.Left)
                counts[(int)current.Phase]--;
        }
        members[report.ClusterId] = report;
        if (report.Left)
            leftAt[report.ClusterId] = time.GetUtcNow();
        else
        {
            leftAt.Remove(report.ClusterId);
            counts[(int)report.Phase]++;
        }
        book?.Apply(report);
        return true;
    }

    /// <summary>Forgets old tombstones; a group that is no longer in fleet.yaml and has no members left deactivates.</summary>
    private async Task TidyAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TombstoneLife;
        foreach (var (id, at) in leftAt.Where(entry => entry.Value < cutoff).ToList())
        {
            leftAt.Remove(id);
            members.Remove(id);
        }
        // Tombstones still young keep the grain, or a late report would bring their member back to a fresh activation.
        if (members.Count > 0)
            return;
        var status = await GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync();
        if (status.Groups.All(g => g.Name != Name))
            DeactivateOnIdle();
    }
}
