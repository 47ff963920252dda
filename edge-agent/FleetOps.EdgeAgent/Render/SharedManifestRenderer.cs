using System.Text.Json.Nodes;
using FleetOps.EdgeAgent.Configuration;
using FleetOps.Shared.Rendering;

namespace FleetOps.EdgeAgent.Render;

/// <summary>
/// The shared renderer (kustomize or plain YAML, validated), then this cluster's variables: exactly
/// what the hub rendered to compute the group's digest, plus <c>${cluster.*}</c> filled in.
/// </summary>
internal sealed class SharedManifestRenderer(IRenderer renderer, AgentOptions options) : IManifestRenderer
{
    public async Task<IReadOnlyList<JsonObject>> RenderAsync(string repositoryRoot, string path, IReadOnlyDictionary<string, string>? labels, CancellationToken cancellationToken)
    {
        var rendered = await renderer.RenderAsync(repositoryRoot, path, cancellationToken).ConfigureAwait(false);
        if (!rendered.IsOk)
            throw new RenderException(rendered.Error.Message);
        var substituted = ClusterVariables.Substitute(rendered.Set, options.ClusterId, labels ?? options.Labels);
        if (!substituted.IsOk)
            throw new RenderException(substituted.Error.Message);
        return substituted.Set.Objects.Select(o => o.ToJsonObject()).ToList();
    }
}
