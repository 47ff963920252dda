namespace FleetOps.Shared.Contracts;

/// <summary>hub → agent: the highest journal seq the hub has persisted; only then may the agent drop events.</summary>
public sealed record AckMessage(int V, string ClusterId, long Seq) : IClusterMessage;
