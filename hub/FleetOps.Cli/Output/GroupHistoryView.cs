using FleetOps.Shared.Api;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>fleetops history --group G</c>: the group's rollout audit, oldest first: each rollout started, wave
/// released and completed, halted or completed, and every operator action with who took it.
/// </summary>
public static class GroupHistoryView
{
    public static void Write(Screen screen, GroupHistory history, RolloutView? current, bool truncated, bool wide)
    {
        var count = history.Events.Count;
        screen.Line($"{Styles.Bold(history.Group)}: {count} rollout event{(count == 1 ? "" : "s")} " +
            Styles.Dim($"(oldest first, times in {Times.ZoneName(screen.Zone)})"));
        if (count == 0)
        {
            screen.Line(Styles.Dim("nothing yet: the group has no rollout block in fleet.yaml, or its target has not moved since it got one"));
            return;
        }
        screen.Write(RolloutEventsView.Events(history.Events, current, screen.Zone, screen.Width, wide));
        if (truncated)
            screen.Line(Styles.Warning($"more events follow; continue with: fleetops history --group {history.Group} " +
                $"--since {history.Events[^1].At.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ}"));
        if (history.Events.Any(e => e.Wave is not null && RolloutEventsView.Wave(e, current).StartsWith('#')))
            screen.Line(Styles.Dim("#N: the Nth wave of an earlier rollout (#1 is its canary when it had one)"));
    }
}
