namespace FleetOps.Shared.Contracts;

/// <summary>
/// agent → hub on every connect. Carries what the hub needs to resume: the generation the agent
/// holds (the hub never issues a lower one) and its last journal seq (what the hub should expect).
/// </summary>
public sealed record HelloMessage(
    int V,
    string ClusterId,
    string AgentVersion,
    IReadOnlyDictionary<string, string> Labels,
    string? KubernetesVersion,
    long Generation,
    long LastJournalSeq,
    DateTimeOffset At) : IClusterMessage;
