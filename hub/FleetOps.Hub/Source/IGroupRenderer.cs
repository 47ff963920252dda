namespace FleetOps.Hub.Source;

/// <summary>
/// The hub's seam over the shared renderer: renders <paramref name="groupPath"/> inside a folder holding
/// the repository tree at one commit, without cluster variables (those are the agent's), and validates it.
/// </summary>
public interface IGroupRenderer
{
    Task<RenderOutcome> RenderAsync(string repositoryRoot, string groupPath, CancellationToken cancellationToken);
}
