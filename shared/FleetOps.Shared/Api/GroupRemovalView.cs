namespace FleetOps.Shared.Api;

/// <summary>
/// <c>GET /api/v1/groups/{name}/removal</c>: the stores that still hold a group they no longer belong to (every one, for a
/// group removed from fleet.yaml; <see cref="InFleet"/> says whether it still is). Empty once every store has pruned it.
/// <see cref="ClustersTold"/> is false while the hub is still bringing its clusters up to the fleet.yaml without the group:
/// until then a store that holds it may not be listed yet, so an empty list does not mean done.
/// </summary>
public sealed record GroupRemovalView(string Group, bool InFleet, IReadOnlyList<RemovalMember> Stores, bool ClustersTold = true)
{
    public int PersistentVolumeClaims => Stores.Sum(s => s.PersistentVolumeClaims);

    public int Namespaces => Stores.Sum(s => s.Namespaces);
}
