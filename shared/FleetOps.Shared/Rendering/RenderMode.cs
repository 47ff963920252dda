namespace FleetOps.Shared.Rendering;

/// <summary>How a group's folder was turned into objects.</summary>
public enum RenderMode
{
    /// <summary>The folder holds a kustomization and was built by kustomize.</summary>
    Kustomize,

    /// <summary>The folder's YAML files were read as they are.</summary>
    PlainYaml,
}
