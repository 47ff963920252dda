namespace FleetOps.Shared.Api;

/// <summary>Where a group's rollout of its newest target stands.</summary>
public enum RolloutPhase
{
    /// <summary>The group has no rollout block, or has never moved since it got one.</summary>
    Idle,

    /// <summary>Releasing members wave by wave.</summary>
    Progressing,

    /// <summary>An operator paused it: nothing more is released until resume.</summary>
    Paused,

    /// <summary>The canary wave is done and baked; the next wave waits for <c>fleetops rollout promote</c>.</summary>
    WaitingForApproval,

    /// <summary>More members failed at the new revision than the failure budget allows: nothing more is released.</summary>
    Halted,

    /// <summary>Every member was released and the last wave completed: the revision is the group's stable one.</summary>
    Completed,

    /// <summary>An operator aborted it: released members went back to the stable revision.</summary>
    Aborted,
}
