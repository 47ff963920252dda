namespace FleetOps.Shared.Api;

/// <summary>
/// In the fleet view: a group removed from fleet.yaml that stores still hold, how many of them failed to prune it, and the
/// PersistentVolumeClaims and Namespaces (data) its removal deletes on them.
/// </summary>
public sealed record GroupRemovalSummary(string Group, int Stores, int Failed, int PersistentVolumeClaims, int Namespaces);
