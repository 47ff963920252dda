namespace FleetOps.Shared.Fleet;

/// <summary>
/// One problem in fleet.yaml, at a 1-based line and column, with a message that says what to do.
/// <see cref="Group"/> names the group it is about when that group has a name.
/// </summary>
public sealed record FleetYamlError(FleetYamlErrorCode Code, string File, int Line, int Column, string? Group, string Message)
{
    private const string PathHint = "give the folder that holds the group's kustomization.yaml or YAML files";

    /// <summary>An error about a group's path, at the line where the path was written.</summary>
    public static FleetYamlError AtPath(GroupDefinition group, FleetYamlErrorCode code, string message) =>
        new(code, group.Source.Path.File, group.Source.Path.Line, group.Source.Path.Column, group.Name, message);

    /// <summary>
    /// The hub's error for a path missing at a commit, suggesting the nearest folder that does exist:
    /// <c>path 'apps/pos/overlays/est' does not exist at 3f2a1c9 (did you mean 'apps/pos/overlays/east'?)</c>.
    /// </summary>
    public static FleetYamlError PathNotFound(GroupDefinition group, string revision, IEnumerable<string> existingFolders)
    {
        var hint = DidYouMean.Nearest(group.Path, existingFolders) is { } nearest ? $"did you mean '{nearest}'?" : PathHint;
        return AtPath(group, FleetYamlErrorCode.PathNotFound, $"path '{group.Path}' does not exist at {revision} ({hint})");
    }

    /// <summary><c>fleet.yaml:14: group 'pos-east': path must not be empty (...)</c></summary>
    public override string ToString() =>
        Group is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: group '{Group}': {Message}";
}
