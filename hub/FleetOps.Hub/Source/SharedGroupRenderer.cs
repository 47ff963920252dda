using FleetOps.Shared.Rendering;

namespace FleetOps.Hub.Source;

/// <summary>
/// Groups rendered by the shared renderer (kustomize or plain YAML, validated, no cluster variables):
/// the same code the agents run, so the digest the hub compares is the digest they will compute. A set that renders
/// but holds an object no store could apply is refused by the <see cref="Preflight"/> like a render error.
/// </summary>
internal sealed class SharedGroupRenderer(IRenderer renderer) : IGroupRenderer
{
    public async Task<RenderOutcome> RenderAsync(string repositoryRoot, string groupPath, CancellationToken cancellationToken)
    {
        var result = await renderer.RenderAsync(repositoryRoot, groupPath, cancellationToken);
        if (!result.IsOk)
            return RenderOutcome.Fail(result.Error.Message);
        return Preflight.Check(result.Set.Objects) is { } refused
            ? RenderOutcome.Fail(refused)
            : RenderOutcome.Ok(result.Set.Digest, result.Set.Objects.Length);
    }
}
