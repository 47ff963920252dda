namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads a group's path: a folder relative to the repository root, written with forward slashes,
/// that cannot leave the repository. It is stored normalized ("./apps//pos/" becomes "apps/pos") so
/// the same folder always compares equal. Whether it exists at a commit is the hub's check.
/// </summary>
internal static class GroupPathReader
{
    private const string Hint = "give the folder that holds the group's kustomization.yaml or YAML files";

    public static (string Path, YamlNode At)? Read(FieldSet fields, MappingNode group, ErrorScope scope)
    {
        var path = fields.Text("path", scope);
        if (path is null)
        {
            if (!fields.HasNonText("path"))
                scope.Report(FleetYamlErrorCode.PathMissing, fields["path"]?.ValueOrKey ?? group, $"path is missing ({Hint})");
            return null;
        }
        var at = fields["path"]!.Value;
        if (Problem(path) is { } problem)
        {
            scope.Report(problem.Code, at, problem.Message);
            return null;
        }
        return (Normalize(path), at);
    }

    private static (FleetYamlErrorCode Code, string Message)? Problem(string path)
    {
        if (path.Trim().Length == 0)
            return (FleetYamlErrorCode.PathEmpty, $"path must not be empty ({Hint})");
        if (path.Contains('\\'))
            return (FleetYamlErrorCode.PathBackslash, $"path '{path}' must use forward slashes (write '{path.Replace('\\', '/')}')");
        if (path.StartsWith('/') || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':'))
            return (FleetYamlErrorCode.PathAbsolute, $"path '{path}' must be relative to the repository root, as in 'apps/pos/overlays/east'");
        if (path.Split('/').Contains(".."))
            return (FleetYamlErrorCode.PathParentSegment, $"path '{path}' must not contain '..' (a group's folder is inside the repository; write it from the repository root)");
        if (Normalize(path).Length == 0)
            return (FleetYamlErrorCode.PathEmpty, $"path '{path}' is the repository root, which holds fleet.yaml itself ({Hint})");
        return null;
    }

    private static string Normalize(string path) =>
        string.Join('/', path.Split('/').Where(segment => segment is not ("" or ".")));
}
