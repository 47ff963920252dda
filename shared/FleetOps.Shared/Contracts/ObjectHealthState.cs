namespace FleetOps.Shared.Contracts;

/// <summary>An owned object's health as the agent last judged it (kstatus rules), or Unknown before it has.</summary>
public enum ObjectHealthState
{
    Healthy,

    /// <summary>Still rolling out, scheduling or binding; may become healthy.</summary>
    InProgress,

    /// <summary>Will not become healthy without a change.</summary>
    Failed,

    /// <summary>Not judged since the agent started, or its last run stopped before the health check.</summary>
    Unknown,
}
