namespace FleetOps.KubeEmulator.Simulation;

/// <summary>What a simulated controller does when its pending work comes due.</summary>
internal enum SimulationStep
{
    /// <summary>Observe the object's current spec and report the status a controller would settle on.</summary>
    Reconcile,

    /// <summary>A never-ready Deployment's progress deadline has passed.</summary>
    ProgressDeadline,

    /// <summary>A terminating Namespace's contents are deleted, then (once nothing is left) the Namespace itself.</summary>
    FinalizeNamespace,

    /// <summary>Claims bind, and deleted claims and volumes nothing holds any more go.</summary>
    ReconcileVolumes,
}
