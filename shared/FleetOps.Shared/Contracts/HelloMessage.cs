namespace FleetOps.Shared.Contracts;

/// <summary>
/// agent → hub on every connect. Carries what the hub needs to resume: the generation the agent
/// holds (the hub never issues a lower one) and its last journal seq (what the hub should expect).
/// <see cref="Renderer"/> (optional, newer agents) is the kustomize tool the store renders with and its version,
/// or why it has none it can use: <c>k3s kubectl kustomize (kubectl v1.30.4, kustomize v5.0.4)</c>.
/// <see cref="AckedJournalSeq"/> (optional, newer agents) is the highest seq the agent was told the hub stored: with
/// <see cref="LastJournalSeq"/> it tells the hub when the agent's journal restarted (its data dir was wiped) or the
/// hub lost what it acknowledged, so the hub can carry on numbering without dropping or refusing events.
/// <see cref="Labels"/> are facts the agent reports; the hub's registry decides group membership.
/// </summary>
public sealed record HelloMessage(
    int V,
    string ClusterId,
    string AgentVersion,
    IReadOnlyDictionary<string, string> Labels,
    string? KubernetesVersion,
    long Generation,
    long LastJournalSeq,
    DateTimeOffset At,
    string? Renderer = null,
    long? AckedJournalSeq = null) : IClusterMessage;
