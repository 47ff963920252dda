using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>
/// What one cluster should run, worked out from the fleet snapshot, its labels and what it was told
/// before. Pure: every rule about memberships and generations is tested without a silo.
/// </summary>
/// <param name="Memberships">Every group whose selector matches, including groups with no target yet.</param>
/// <param name="Desired">The groups to publish, each at its target; a group that never rendered is absent.</param>
/// <param name="Generation">The generation to publish: a new one, above any the agent holds, whenever <see cref="Desired"/> changes.</param>
internal sealed record DesiredPlan(
    IReadOnlyList<string> Memberships,
    IReadOnlyList<DesiredGroup> Desired,
    long Generation,
    bool DesiredChanged)
{
    /// <param name="forceNewGeneration">Issue a new generation even if nothing changed (the agent holds one the hub never issued).</param>
    public static DesiredPlan Compute(FleetSnapshot snapshot, IReadOnlyDictionary<string, string> labels, ClusterState state, bool forceNewGeneration = false)
    {
        var matching = snapshot.Groups.Where(g => g.Selector.Matches(labels)).ToList();
        var memberships = matching.Select(g => g.Name).Order(StringComparer.Ordinal).ToList();
        var desired = matching
            .Where(g => g.Revision is not null && g.Digest is not null)
            .Select(g => new DesiredGroup(g.Name, g.Path, g.Revision!, g.Digest!))
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var changed = !desired.SequenceEqual(state.Desired);
        var generation = changed || forceNewGeneration ? Math.Max(state.Generation, state.AgentGeneration) + 1 : state.Generation;
        return new DesiredPlan(memberships, desired, generation, changed);
    }

    public bool MembershipsChanged(ClusterState state) => !Memberships.SequenceEqual(state.Memberships);
}
