namespace FleetOps.Shared.Rendering;

/// <summary>
/// Where an object came from, for error messages: a file relative to the repository root, the document's
/// index in it (0-based, counting empty documents) and, for plain YAML, the line the object starts on.
/// Objects built by kustomize name the kustomization file and their document in kustomize's output.
/// </summary>
public sealed record ObjectSource(string File, int Document, int? Line)
{
    public override string ToString() =>
        Line is { } line ? $"{File}:{line}" : $"{File} (output document {Document + 1})";
}
