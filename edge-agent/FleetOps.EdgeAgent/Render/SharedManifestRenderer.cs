using System.Text.Json.Nodes;

namespace FleetOps.EdgeAgent.Render;

/// <summary>The shared renderer (kustomize or plain YAML, then cluster variables), adapted to the agent's seam.</summary>
internal sealed class SharedManifestRenderer : IManifestRenderer
{
    public Task<IReadOnlyList<JsonObject>> RenderAsync(string repositoryRoot, string path, CancellationToken cancellationToken) =>
        throw new RenderException("the shared renderer has not landed yet");
}
