using FleetOps.Shared.Rendering;

namespace FleetOps.Hub.Source;

/// <summary>
/// Groups rendered by the shared renderer (kustomize or plain YAML, validated, no cluster variables):
/// the same code the agents run, so the digest the hub compares is the digest they will compute.
/// </summary>
internal sealed class SharedGroupRenderer(IRenderer renderer) : IGroupRenderer
{
    public async Task<RenderOutcome> RenderAsync(string repositoryRoot, string groupPath, CancellationToken cancellationToken)
    {
        var result = await renderer.RenderAsync(repositoryRoot, groupPath, cancellationToken);
        return result.IsOk ? RenderOutcome.Ok(result.Set.Digest, result.Set.Objects.Length) : RenderOutcome.Fail(result.Error.Message);
    }
}
