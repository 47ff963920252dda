using FleetOps.Shared.Contracts;

namespace FleetOps.Shared.Api;

/// <summary>
/// One store that still holds a group it no longer belongs to: where its removal stands, the agent's message, what it still
/// owns there and how much of it holds data (PersistentVolumeClaims and Namespaces: deleting them deletes the data).
/// </summary>
public sealed record RemovalMember(
    string ClusterId,
    RemovalState State,
    PresenceState? Presence,
    string? Message,
    int Objects,
    int PersistentVolumeClaims,
    int Namespaces);
