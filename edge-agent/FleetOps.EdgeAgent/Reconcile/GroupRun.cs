using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Health;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>The data one reconcile passes from step to step, and the outcome it reports.</summary>
public sealed class GroupRun(GroupTarget target, GroupRecord record)
{
    public GroupTarget Target { get; } = target;

    /// <summary>The group's state as of the last run; replaced as steps make progress.</summary>
    public GroupRecord Record { get; set; } = record;

    /// <summary>The revision and path being applied: the target's, or the last applied one while the source is unreachable.</summary>
    public string Revision { get; set; } = target.Group.Revision;

    public string Path { get; set; } = target.Group.Path;

    /// <summary>Holding the last applied revision because the target could not be fetched; the run still corrects drift.</summary>
    public bool Holding { get; set; }

    /// <summary>
    /// The target differs from what was applied when the run started (an apply, not a drift check): another revision or
    /// path, or labels the hub changed since the last apply.
    /// </summary>
    public bool IsNewRevision { get; } = record.AppliedRevision != target.Group.Revision || record.AppliedPath != target.Group.Path
        || (target.LabelsKey is { } labels && record.AppliedLabels is { } applied && labels != applied);

    /// <summary>
    /// The group was already Degraded at this revision when the run started: its health timeout has expired
    /// once here, so a run that writes nothing does not wait it out again.
    /// </summary>
    public bool DegradedAtThisRevision { get; init; }

    public IReadOnlyList<DesiredObject> Objects { get; set; } = [];

    public ApplyResult? Applied { get; set; }

    public ChangeSet Changes { get; } = new();

    public HealthReport? Health { get; set; }

    public Phase Phase { get; private set; } = Phase.Progressing;

    public string Reason { get; private set; } = Reasons.Progressing;

    public string? Message { get; private set; }

    public bool Failed => Phase is Phase.Failed;

    /// <summary>Records the outcome; a failing step calls this once and returns false.</summary>
    public bool Fail(Phase phase, string reason, string message)
    {
        Phase = phase;
        Reason = reason;
        Message = message;
        return false;
    }

    public void Succeed(string message)
    {
        Phase = Phase.Converged;
        Reason = Reasons.ReconciliationSucceeded;
        Message = message;
    }
}
