using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>What one group should run: its path at a revision, from a source, re-checked every interval.</summary>
public sealed record GroupTarget(DesiredGroup Group, SourceRef Source, long Generation, TimeSpan Interval)
{
    public string Name => Group.Name;
}
