namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/groups/{name}/removal</c>: the stores that still hold a group they no longer belong to (every one, for a
/// group removed from fleet.yaml; <see cref="InFleet"/> says whether it still is). Empty once every store has pruned it.
/// </summary>
public sealed record GroupRemovalView(string Group, bool InFleet, IReadOnlyList<RemovalMember> Stores)
{
    public int PersistentVolumeClaims => Stores.Sum(s => s.PersistentVolumeClaims);

    public int Namespaces => Stores.Sum(s => s.Namespaces);
}
