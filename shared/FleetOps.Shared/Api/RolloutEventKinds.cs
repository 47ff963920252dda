namespace FleetOps.Shared.Api;

/// <summary>Names of rollout audit events. Strings, so a newer hub's kinds still read in an older CLI.</summary>
public static class RolloutEventKinds
{
    public const string Started = "Started";
    public const string Superseded = "Superseded";
    public const string WaveReleased = "WaveReleased";
    public const string WaveCompleted = "WaveCompleted";
    public const string WaitingForApproval = "WaitingForApproval";
    public const string Halted = "Halted";
    public const string Completed = "Completed";
    public const string Paused = "Paused";
    public const string Resumed = "Resumed";
    public const string Promoted = "Promoted";
    public const string Aborted = "Aborted";
    public const string Pinned = "Pinned";
    public const string Unpinned = "Unpinned";
}
