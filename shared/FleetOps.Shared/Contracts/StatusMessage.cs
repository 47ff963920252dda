namespace FleetOps.Shared.Contracts;

/// <summary>agent → hub, on change: a snapshot of every group the agent reconciles.</summary>
public sealed record StatusMessage(
    int V,
    string ClusterId,
    long Generation,
    DateTimeOffset At,
    IReadOnlyList<GroupStatus> Groups) : IClusterMessage;
