using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// What a test's stand-in agents report, with the times the test chooses (the hub harness's own helpers
/// stamp the wall clock, which golden files cannot hold): a status per group, journal batches, going offline.
/// </summary>
public static class AgentReports
{
    /// <summary>Reports a status for every group of the latest desired state; <paramref name="group"/> says each one's.</summary>
    public static Task StatusAsync(this SimulatedAgent agent, DateTimeOffset at, Func<DesiredGroup, GroupStatus> group)
    {
        var desired = agent.LatestDesired ?? throw new InvalidOperationException($"{agent.ClusterId} has no desired state yet");
        return agent.PublishAsync(Topics.Status(agent.ClusterId), WireCodec.Serialize(new StatusMessage(
            WireVersion.Current, agent.ClusterId, desired.Generation, at, desired.Groups.Select(group).ToList())));
    }

    public static GroupStatus Converged(DesiredGroup group, DateTimeOffset since, int objects = 2) =>
        new(group.Name, Phase.Converged, Reasons.ReconciliationSucceeded, null, group.Revision, group.Revision,
            new ResourceCounts(objects, objects), [], since);

    /// <summary>The status an agent last sent for an older revision: the hub shows the group Pending against a newer target.</summary>
    public static GroupStatus ConvergedAt(DesiredGroup group, string revision, DateTimeOffset since, int objects = 2) =>
        new(group.Name, Phase.Converged, Reasons.ReconciliationSucceeded, null, revision, revision, new ResourceCounts(objects, objects), [], since);

    public static Task JournalAsync(this SimulatedAgent agent, params JournalEvent[] events) => agent.ResendJournalAsync(events);

    /// <summary>
    /// A clean shutdown: retained presence offline, then disconnect. Stamped with the wall clock, not the
    /// test's: the hub orders presence by the agent's stamps, and the hello before it carried the wall clock.
    /// </summary>
    public static async Task GoOfflineAsync(this SimulatedAgent agent)
    {
        await agent.PublishAsync(Topics.Presence(agent.ClusterId),
            WireCodec.Serialize(new PresenceMessage(WireVersion.Current, agent.ClusterId, PresenceState.Offline, DateTimeOffset.UtcNow.AddSeconds(1))), retain: true);
        await agent.DisposeAsync();
    }

    public static Task<DesiredMessage> DesiredAsync(this SimulatedAgent agent, Func<DesiredMessage, bool> accept, string what) =>
        Eventually.ValueAsync(() => Task.FromResult(agent.LatestDesired!), d => d is not null && accept(d), $"{agent.ClusterId}: {what}");
}
