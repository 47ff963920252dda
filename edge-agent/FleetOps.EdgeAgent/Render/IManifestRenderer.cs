using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Render;

/// <summary>
/// Turns a group's folder into manifests with cluster variables substituted. The seam over the shared
/// renderer (kustomize or plain YAML); throws <see cref="RenderException"/> with the renderer's own error.
/// </summary>
public interface IManifestRenderer
{
    /// <param name="labels">What <c>${cluster.labels.*}</c> read: the hub's over the agent's own; null for the agent's own alone.</param>
    Task<IReadOnlyList<JsonObject>> RenderAsync(string repositoryRoot, string path, IReadOnlyDictionary<string, string>? labels, CancellationToken cancellationToken);
}
