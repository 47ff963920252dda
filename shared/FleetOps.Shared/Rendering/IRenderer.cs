namespace FleetOps.Shared.Rendering;

/// <summary>The seam hub and agent render through, so their steps can be tested without disk or kustomize.</summary>
public interface IRenderer
{
    /// <summary>
    /// Renders the folder <paramref name="path"/> (relative, '/'-separated) of a repository checked out at
    /// <paramref name="repositoryRoot"/>. Bad input gives a failed result; only cancellation throws.
    /// </summary>
    Task<RenderResult> RenderAsync(string repositoryRoot, string path, CancellationToken cancellationToken = default);
}
