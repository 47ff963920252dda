using FleetOps.Shared.Api;

namespace FleetOps.Hub.Grains.Abstractions;

/// <summary>
/// Per group (key: group name): its members' phases and revisions and the counts per phase, kept
/// current by the members themselves so that a fleet query never asks every cluster.
/// </summary>
internal interface IGroupGrain : IGrainWithStringKey
{
    Task ReportMemberAsync(MemberReport report);

    [AlwaysInterleave]
    Task<PhaseCounts> GetCountsAsync();

    [AlwaysInterleave]
    Task<Immutable<IReadOnlyList<GroupMemberView>>> GetMembersAsync();
}
