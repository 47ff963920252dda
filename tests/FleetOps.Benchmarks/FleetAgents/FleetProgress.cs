using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Benchmarks.FleetAgents;

/// <summary>
/// What the hub's API says of every group at a revision: how many memberships (a store in a group) there are, how many
/// are Converged there, and how many stores have every one of their groups Converged there.
/// </summary>
public sealed record FleetProgress(int Memberships, int Converged, int Stores, int StoresConverged, IReadOnlyList<GroupMemberView> NotConverged)
{
    public static async Task<FleetProgress> ReadAsync(HubClient api, IReadOnlyList<string> groups, string revision, CancellationToken cancellationToken)
    {
        var members = new List<GroupMemberView>();
        foreach (var group in groups)
            members.AddRange((await api.GetGroupAsync(group, cancellationToken)).Members);
        bool Done(GroupMemberView m) => m.Phase == Phase.Converged && m.AppliedRevision == revision;
        var stores = members.GroupBy(m => m.ClusterId, StringComparer.Ordinal).ToList();
        return new FleetProgress(members.Count, members.Count(Done), stores.Count, stores.Count(s => s.All(Done)), members.Where(m => !Done(m)).ToList());
    }

    /// <summary>A few of the memberships not there yet, for a timeout's message.</summary>
    public string Missing() => string.Join("; ", NotConverged.Take(5).Select(m => $"{m.ClusterId} {m.Phase} {m.Reason} {m.Message}".TrimEnd()));
}
