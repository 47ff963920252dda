namespace FleetOps.EdgeAgent.Apply;

/// <summary>What a run did to one object (Flux's ssa actions).</summary>
public enum ChangeAction
{
    Created,
    Configured,
    Unchanged,
    Deleted,
    Skipped,
}
