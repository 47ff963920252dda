namespace FleetOps.Shared.Rendering;

/// <summary>
/// The kustomize tool a hub or an agent renders with, and its version; or, in <see cref="Problem"/>, why none can be
/// used (none found, or every one found too old). Plain YAML folders render without any.
/// </summary>
public sealed record KustomizeRenderer(KustomizeTool? Tool, KustomizeVersion? Version, string? Problem)
{
    public bool Usable => Tool is not null && Problem is null;

    /// <summary><c>kubectl kustomize (kubectl v1.32.4, kustomize v5.5.0)</c>, or <c>none: ...why...</c>.</summary>
    public string Describe() => Usable ? $"{Tool} ({Version})" : $"none: {Problem}";
}
