using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>
/// Counts a group's members by phase, updated only when a member's phase or revision in this group
/// changes. Held in memory: members report again when the hub starts, and a fresh activation first
/// collects what the directory shards already know.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class GroupGrain : Grain, IGroupGrain
{
    private readonly Dictionary<string, MemberReport> members = new(StringComparer.Ordinal);
    private readonly int[] counts = new int[Enum.GetValues<Phase>().Length];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var name = this.GetPrimaryKeyString();
        var known = await Task.WhenAll(ClusterDirectory.All(GrainFactory).Select(shard => shard.GetGroupMembersAsync(name)));
        foreach (var report in known.SelectMany(r => r))
            Apply(report);
    }

    public Task ReportMemberAsync(MemberReport report)
    {
        Apply(report);
        return Task.CompletedTask;
    }

    public Task<PhaseCounts> GetCountsAsync() => Task.FromResult(new PhaseCounts(
        counts[(int)Phase.Converged], counts[(int)Phase.Pending], counts[(int)Phase.Progressing], counts[(int)Phase.Degraded],
        counts[(int)Phase.Failed], counts[(int)Phase.Offline], counts[(int)Phase.Unknown]));

    public Task<Immutable<IReadOnlyList<GroupMemberView>>> GetMembersAsync() => Task.FromResult(((IReadOnlyList<GroupMemberView>)
        members.Values.Where(m => !m.Left).OrderBy(m => m.ClusterId, StringComparer.Ordinal)
            .Select(m => new GroupMemberView(m.ClusterId, m.Phase, m.DesiredRevision, m.AppliedRevision, m.Reason, m.Message)).ToList()).AsImmutable());

    // A member that left stays as a tombstone so that a late, older report cannot bring it back.
    private void Apply(MemberReport report)
    {
        if (members.TryGetValue(report.ClusterId, out var current))
        {
            if (current.Stamp >= report.Stamp)
                return;
            if (!current.Left)
                counts[(int)current.Phase]--;
        }
        members[report.ClusterId] = report;
        if (!report.Left)
            counts[(int)report.Phase]++;
    }
}
