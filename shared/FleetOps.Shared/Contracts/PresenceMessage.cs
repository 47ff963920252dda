namespace FleetOps.Shared.Contracts;

/// <summary>Retained; <c>online</c> on connect, <c>offline</c> as the agent's Last Will and on clean shutdown.</summary>
public sealed record PresenceMessage(int V, string ClusterId, PresenceState State, DateTimeOffset At) : IClusterMessage;
