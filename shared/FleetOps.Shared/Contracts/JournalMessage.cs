namespace FleetOps.Shared.Contracts;

/// <summary>agent → hub: a batch of journal events in seq order, written online or offline.</summary>
public sealed record JournalMessage(int V, string ClusterId, IReadOnlyList<JournalEvent> Events) : IClusterMessage;
