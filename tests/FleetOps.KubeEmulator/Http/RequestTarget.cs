using FleetOps.KubeEmulator.Errors;
using FleetOps.KubeEmulator.Resources;
using FleetOps.KubeEmulator.Storage;

namespace FleetOps.KubeEmulator.Http;

/// <summary>A resource URL taken apart: which resource, namespace, object and subresource, and whether it is a watch.</summary>
internal sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool WatchPath)
{
    /// <summary>Reads the path after <c>/api/v1</c> or <c>/apis/{group}/{version}</c>; anything the cluster does not serve is a 404.</summary>
    public static RequestTarget Parse(ClusterState cluster, string group, string version, string[] path)
    {
        var watchPath = path.Length > 0 && path[0] == "watch";
        if (watchPath)
            path = path[1..];

        string? ns = null;
        if (path.Length >= 3 && path[0] == "namespaces" && !(path.Length == 3 && path[2] is "status" or "finalize"))
        {
            ns = path[1];
            path = path[2..];
        }

        if (path.Length is 0 or > 3)
            throw ApiErrors.UnknownResource();

        cluster.RunDue();
        var type = cluster.Catalog.Find(group, version, path[0]) ?? throw ApiErrors.UnknownResource();
        var name = path.Length > 1 ? path[1] : null;
        var subresource = path.Length > 2 ? path[2] : null;
        if ((ns is not null && !type.Namespaced) || (type.Namespaced && ns is null && name is not null)
            || (subresource is not null && !(subresource == "status" && type.HasStatus) && !(subresource == "scale" && type.HasScale)))
        {
            throw ApiErrors.UnknownResource();
        }

        return new RequestTarget(type, ns, name, subresource, watchPath);
    }
}
