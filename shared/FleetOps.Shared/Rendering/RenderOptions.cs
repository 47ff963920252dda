namespace FleetOps.Shared.Rendering;

/// <summary>How to find and run kustomize.</summary>
public sealed record RenderOptions
{
    public static readonly RenderOptions Default = new();

    /// <summary>
    /// A kustomize, kubectl or k3s executable (a path, or a name looked up on the search path) to use
    /// instead of searching; how it is called follows its name. Null: search.
    /// </summary>
    public string? KustomizeExecutable { get; init; }

    /// <summary>Folders to search, separated as in PATH. Null: the process's PATH.</summary>
    public string? SearchPath { get; init; }

    /// <summary>A build that takes longer is stopped and reported (a remote base on a dead network can hang).</summary>
    public TimeSpan KustomizeTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How much of kustomize's error output goes into a render error.</summary>
    public int MaxErrorLines { get; init; } = 20;
}
