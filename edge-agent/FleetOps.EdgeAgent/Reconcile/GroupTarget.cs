using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// What one group should run: its path at a revision, re-checked every interval. It carries no source: the agent
/// fetches only from its own configured one, whatever repository a desired message names.
/// </summary>
public sealed record GroupTarget(DesiredGroup Group, long Generation, TimeSpan Interval)
{
    public string Name => Group.Name;
}
