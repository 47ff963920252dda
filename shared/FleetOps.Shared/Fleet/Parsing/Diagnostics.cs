namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>Collects every error of one parse, so a user sees them all in one pass.</summary>
internal sealed class Diagnostics(string file)
{
    private readonly List<FleetYamlError> errors = [];

    public string File { get; } = file;

    public IReadOnlyList<FleetYamlError> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    public void Add(FleetYamlErrorCode code, int line, int column, string? group, string message) =>
        errors.Add(new FleetYamlError(code, File, line, column, group, message));

    public SourceLocation Locate(YamlNode node) => new(File, node.Line, node.Column);
}
