namespace FleetOps.Hub.Definitions;

/// <summary>
/// Stands in until the shared renderer is wired: every render fails with a clear error, so no group
/// target ever moves on content the hub could not check.
/// </summary>
public sealed class UnavailableRenderer : IGroupRenderer
{
    public Task<RenderOutcome> RenderAsync(string repositoryRoot, string groupPath, CancellationToken cancellationToken) =>
        Task.FromResult(RenderOutcome.Fail("this hub build has no renderer"));
}
