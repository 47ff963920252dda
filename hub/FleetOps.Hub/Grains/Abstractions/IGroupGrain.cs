using FleetOps.Hub.Rollouts;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// Per group (key: group name): its members' phases and revisions and the counts per phase, kept current
/// by the members themselves so that a fleet query never asks every cluster; and, for a group with a
/// rollout block, the rollout of its newest target: who is released, wave by wave.
/// </summary>
internal interface IGroupGrain : IGrainWithStringKey
{
    Task ReportMemberAsync(MemberReport report);

    /// <summary>The fleet grain's word after a commit: target, policy and stable target. A newer target starts (or supersedes) a rollout.</summary>
    Task SyncAsync(GroupSync sync);

    /// <summary>The group left fleet.yaml: forget its rollout and audit.</summary>
    Task ForgetAsync();

    [AlwaysInterleave]
    Task<PhaseCounts> GetCountsAsync();

    [AlwaysInterleave]
    Task<RolloutSummary?> GetSummaryAsync();

    [AlwaysInterleave]
    Task<Immutable<IReadOnlyList<GroupMemberView>>> GetMembersAsync();

    [AlwaysInterleave]
    Task<RolloutView> GetRolloutAsync();

    [AlwaysInterleave]
    Task<IReadOnlyList<RolloutEventView>> GetHistoryAsync();

    /// <summary>An operator action (pause, resume, promote, abort); null when done, else why not.</summary>
    Task<string?> ActAsync(string action, RolloutAction request);

    /// <summary>The recent target whose revision starts with <paramref name="revision"/>; null when none (or several) match.</summary>
    [AlwaysInterleave]
    Task<TargetRef?> FindTargetAsync(string revision);

    /// <summary>Adds an entry to the audit (pins are decided by the cluster, recorded here).</summary>
    Task RecordAsync(RolloutEvent entry);
}
