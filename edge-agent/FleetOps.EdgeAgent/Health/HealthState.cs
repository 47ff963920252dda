namespace FleetOps.EdgeAgent.Health;

/// <summary>kstatus's three answers that matter to a reconcile.</summary>
public enum HealthState
{
    /// <summary>The object is at its desired state (kstatus Current).</summary>
    Healthy,

    /// <summary>Still rolling out, scheduling, binding; may become healthy.</summary>
    InProgress,

    /// <summary>Will not become healthy without a change (a failed Job, an exceeded progress deadline).</summary>
    Failed,
}
