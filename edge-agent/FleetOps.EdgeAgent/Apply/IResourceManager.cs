using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>The agent's one seam over the Kubernetes API (KubernetesClient lives only behind it).</summary>
public interface IResourceManager
{
    /// <summary>Dry-runs, then applies in stages only what drifted; nothing is written if any object fails its dry run.</summary>
    Task<ApplyResult> ApplyAsync(ApplyRequest request, CancellationToken cancellationToken);

    /// <summary>The live object, or null when it does not exist.</summary>
    Task<JsonObject?> GetAsync(ObjectRef target, CancellationToken cancellationToken);

    /// <summary>Deletes the object; false when it was already gone.</summary>
    Task<bool> DeleteAsync(ObjectRef target, CancellationToken cancellationToken);

    /// <summary>The API server's version (e.g. v1.31.4+k3s1), or null when it cannot be reached.</summary>
    Task<string?> GetServerVersionAsync(CancellationToken cancellationToken);
}
