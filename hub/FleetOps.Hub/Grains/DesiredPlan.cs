using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Grains;

/// <summary>
/// What one cluster should run, worked out from the fleet snapshot, its labels and what it was told
/// before. Pure: every rule about memberships, releases, pins and generations is tested without a silo.
/// </summary>
/// <param name="Memberships">Every group whose selector matches, including groups with no target yet.</param>
/// <param name="Desired">The groups to publish; a group with nothing released to this cluster yet (and no stable target) is absent.</param>
/// <param name="Generation">The generation to publish: a new one, above any the agent holds, whenever <see cref="Desired"/> or the labels told changes.</param>
/// <param name="CanaryIn">Groups whose canary selector picks this cluster.</param>
/// <param name="CanarySelectors">Per group with a canary selector, that selector as text: what <paramref name="CanaryIn"/> was judged against.</param>
internal sealed record DesiredPlan(
    IReadOnlyList<string> Memberships,
    IReadOnlyList<DesiredGroup> Desired,
    long Generation,
    bool DesiredChanged,
    IReadOnlyList<string> CanaryIn,
    IReadOnlyDictionary<string, string> CanarySelectors)
{
    /// <param name="forceNewGeneration">Issue a new generation even if nothing changed (the agent holds one the hub never issued).</param>
    public static DesiredPlan Compute(FleetSnapshot snapshot, IReadOnlyDictionary<string, string> labels, ClusterState state, bool forceNewGeneration = false)
    {
        var matching = snapshot.Groups.Where(g => g.Selector.Matches(labels)).ToList();
        var desired = matching
            .Select(g => Choose(g, labels, state))
            .OfType<DesiredGroup>()
            .OrderBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var changed = !desired.SequenceEqual(state.Desired);
        // The agent fills ${cluster.labels.*} from these: new values need a generation it will take, even with the same groups.
        var labelsChanged = state.DesiredLabels is { } told && !StringMaps.Same(told, labels);
        return new DesiredPlan(
            matching.Select(g => g.Name).Order(StringComparer.Ordinal).ToList(),
            desired,
            changed || labelsChanged || forceNewGeneration ? Math.Max(state.Generation, state.AgentGeneration) + 1 : state.Generation,
            changed,
            matching.Where(g => g.Rollout?.Canary?.Selector?.Matches(labels) == true).Select(g => g.Name).Order(StringComparer.Ordinal).ToList(),
            matching.Where(g => g.Rollout?.Canary?.Selector is not null).ToDictionary(g => g.Name, g => g.Rollout!.Canary!.Selector!.ToString(), StringComparer.Ordinal));
    }

    public bool MembershipsChanged(ClusterState state) => !Memberships.SequenceEqual(state.Memberships);

    /// <summary>
    /// A pin wins; a group without a rollout runs its target; with one, the newer of what was released to
    /// this cluster and the stable target, so nobody runs what it was not released and nobody moves
    /// backwards when a newer rollout starts over from its canaries. Windows travel with rollout targets.
    /// </summary>
    private static DesiredGroup? Choose(SnapshotGroup group, IReadOnlyDictionary<string, string> labels, ClusterState state)
    {
        if (state.Pins.TryGetValue(group.Name, out var pin))
            return new DesiredGroup(group.Name, pin.Path, pin.Revision, pin.Digest);
        if (group.Rollout is null)
            return group.Target is { } target ? new DesiredGroup(group.Name, target.Path, target.Revision, target.Digest) : null;
        var released = state.Releases.TryGetValue(group.Name, out var release) ? release.Target : null;
        var chosen = released is not null && (group.Stable is null || released.Seq > group.Stable.Seq) ? released : group.Stable;
        if (chosen is null)
            return null;
        var window = group.Rollout.Window is { } policy && chosen.Revision != group.WindowsIgnoredFor ? policy.ForCluster(labels) : null;
        var note = chosen == group.Stable ? state.Notes.GetValueOrDefault(group.Name) : null;
        return new DesiredGroup(group.Name, chosen.Path, chosen.Revision, chosen.Digest, window, note);
    }
}
