using FleetOps.Shared.Contracts;
using FleetOps.Shared.Scheduling;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// Store hours for a new revision, judged on the store's own clock whether or not the hub can be reached:
/// outside its window a group keeps the revision it runs (drift is still corrected) and waits.
/// </summary>
public static class StoreHoursGate
{
    /// <summary>The window's state when it keeps this run from applying the target; null when the run may go ahead.</summary>
    public static WindowCheck? Closed(GroupTarget target, bool isNewRevision, DateTimeOffset now)
    {
        if (target.Group.Window is not { } window || !isNewRevision)
            return null;
        var check = StoreHours.Evaluate(window, now);
        return check.IsOpen ? null : check;
    }

    /// <summary>When the target's window next opens, for a group waiting on it; null when it has no window.</summary>
    public static DateTimeOffset? NextOpening(GroupTarget target, DateTimeOffset now) =>
        target.Group.Window is { } window ? StoreHours.Evaluate(window, now).OpensAt : null;

    /// <summary>"outside store hours (mon-fri 02:00-05:00 America/New_York): keeps 89dc334, applies 792fbe2 at 2026-11-28 02:00 -05:00"</summary>
    public static string Describe(GroupTarget target, string? running, WindowCheck closed)
    {
        var w = target.Group.Window!;
        var keeps = running is null ? "nothing applied yet" : $"keeps {Revisions.Short(running)}";
        var at = closed.OpensAt is { } opens ? $" at {opens:yyyy-MM-dd HH:mm zzz}" : " when the window opens";
        var problem = closed.Problem is null ? "" : $"; {closed.Problem}";
        return $"outside store hours ({string.Join(",", w.Days)} {w.Start}-{w.End} {w.TimeZone}): {keeps}, applies {Revisions.Short(target.Group.Revision)}{at}{problem}";
    }
}
