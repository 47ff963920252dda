using FleetOps.Cli.Client;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>What the hub's API says of the benchmark's groups at a revision: their members, those Converged there, and those Failed there.</summary>
public sealed record HubGroupView(IReadOnlyList<GroupMemberView> Members, int Converged, int Failed)
{
    public static Task<HubGroupView> ReadAsync(HubClient api, FleetShape shape, string revision, CancellationToken cancellationToken) =>
        ReadAsync(api, shape.GroupNames, revision, cancellationToken);

    public static async Task<HubGroupView> ReadAsync(HubClient api, IEnumerable<string> groups, string revision, CancellationToken cancellationToken)
    {
        var members = new List<GroupMemberView>();
        foreach (var group in groups)
            members.AddRange((await api.GetGroupAsync(group, cancellationToken)).Members);
        var converged = members.Count(m => m.Phase == Phase.Converged && m.AppliedRevision == revision);
        var failed = members.Count(m => m.Phase == Phase.Failed && m.DesiredRevision == revision);
        return new HubGroupView(members, converged, failed);
    }

    /// <summary>How many of the groups' rollouts have Completed at <paramref name="revision"/>.</summary>
    public static async Task<int> RolloutsCompletedAsync(HubClient api, FleetShape shape, string revision, CancellationToken cancellationToken)
    {
        var completed = 0;
        foreach (var group in shape.GroupNames)
        {
            var rollout = await api.GetRolloutAsync(group, cancellationToken);
            if (rollout.Phase == RolloutPhase.Completed && rollout.Revision == revision)
                completed++;
        }
        return completed;
    }
}
