using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Simulator.Demo;

/// <summary>
/// The demo's progress line. Stores the hub remembers but has not heard from since it started (a rerun keeps the
/// hub's state, while every emulated cluster starts empty) are counted apart: "20/20 converged" before anything was
/// applied would be the hub's memory, not the stores.
/// </summary>
public static class DemoSummary
{
    public static string Line(FleetView fleet)
    {
        var c = fleet.Clusters;
        var commit = fleet.Commit is null ? "no commit yet" : $"commit {Revisions.Short(fleet.Commit.Sha)} \"{fleet.Commit.Subject}\"";
        if (fleet.Head is { } head && fleet.Errors.Any(e => e.Commit == head && e.Kind != FleetErrorKinds.Source))
            commit += $", newest commit {Revisions.Short(head)} refused";
        var errors = fleet.Errors.Count == 0 ? "" : $" · {fleet.Errors.Count} error(s): {fleet.Errors[0].Message}";
        var rollouts = string.Concat(fleet.Groups
            .Where(g => g.Rollout is { Phase: not (RolloutPhase.Completed or RolloutPhase.Idle) })
            .Select(g => $" · {g.Name} rollout {g.Rollout!.Phase} wave {g.Rollout.Wave + 1}/{g.Rollout.Waves}, {g.Rollout.Released}/{g.Rollout.Members} released"));
        var counts = $"{c.Converged}/{c.Total} converged, {c.Progressing + c.Pending} progressing, {c.Degraded} degraded, {c.Failed} failed, {c.Offline} offline, {c.Unknown} unknown";
        if (c.Unconfirmed > 0)
            counts = $"{c.Unconfirmed}/{c.Total} not heard from since the hub started (as last reported: {counts})";
        return $"{counts} · {commit}{rollouts}{errors}";
    }
}
