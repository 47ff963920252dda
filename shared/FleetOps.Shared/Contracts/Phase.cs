namespace FleetOps.Shared.Contracts;

/// <summary>
/// Per-group phase reported by an agent, plus the two the hub derives (<see cref="Offline"/>,
/// <see cref="Unknown"/>). See <see cref="PhaseRollup"/> for how they combine.
/// </summary>
public enum Phase
{
    /// <summary>Desired state known, not attempted yet.</summary>
    Pending,

    /// <summary>Fetching, rendering, applying or waiting for health.</summary>
    Progressing,

    /// <summary>Applied revision equals desired and every object is healthy.</summary>
    Converged,

    /// <summary>Applied, but objects did not become healthy within the timeout.</summary>
    Degraded,

    /// <summary>Could not apply.</summary>
    Failed,

    /// <summary>Hub view: the agent's presence is offline; the last known phase stays visible beside it.</summary>
    Offline,

    /// <summary>Hub view: registered, never reported.</summary>
    Unknown,
}
