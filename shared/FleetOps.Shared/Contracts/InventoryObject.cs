namespace FleetOps.Shared.Contracts;

/// <summary>One object a group owns on a store: kind, namespace (null when cluster-scoped), name and health.</summary>
public sealed record InventoryObject(string Kind, string? Namespace, string Name, ObjectHealthState Health)
{
    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c>, as status and journal name objects.</summary>
    public string Subject => string.IsNullOrEmpty(Namespace) ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}
