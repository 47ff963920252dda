using FleetOps.Benchmarks.FleetScale;
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
        var view = await HubGroupView.ReadAsync(api, groups, revision, cancellationToken);
        bool Done(GroupMemberView m) => m.Phase == Phase.Converged && m.AppliedRevision == revision;
        var stores = view.Members.GroupBy(m => m.ClusterId, StringComparer.Ordinal).ToList();
        return new FleetProgress(view.Members.Count, view.Converged, stores.Count, stores.Count(s => s.All(Done)), view.Members.Where(m => !Done(m)).ToList());
    }

    /// <summary>A few of the memberships not there yet, for a timeout's message.</summary>
    public string Missing() => string.Join("; ", NotConverged.Take(5).Select(m => $"{m.ClusterId} {m.Phase} {m.Reason} {m.Message}".TrimEnd()));
}
