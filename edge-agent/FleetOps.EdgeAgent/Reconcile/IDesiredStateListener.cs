using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>Told about each accepted desired state, after it is durable.</summary>
public interface IDesiredStateListener
{
    void OnDesired(DesiredMessage desired);
}
