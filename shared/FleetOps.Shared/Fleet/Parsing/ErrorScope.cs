namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Where in fleet.yaml a reader is, so each message names its group and field path
/// ("group 'pos-east': selector.matchExpressions[0]: ...") without every reader building that text.
/// </summary>
internal sealed record ErrorScope(Diagnostics Diagnostics, string? Group, string Lead, string Path)
{
    public static ErrorScope Root(Diagnostics diagnostics) => new(diagnostics, null, "", "");

    /// <summary>A group without a usable name is named by its position instead.</summary>
    public ErrorScope ForGroup(string? name, int index) =>
        name is null ? this with { Lead = $"group #{index + 1}: " } : this with { Group = name };

    public ErrorScope Field(string name) => this with { Path = Path.Length == 0 ? name : $"{Path}.{name}" };

    public ErrorScope Item(int index) => this with { Path = $"{Path}[{index}]" };

    public void Report(FleetYamlErrorCode code, YamlNode at, string message) =>
        Diagnostics.Add(code, at.Line, at.Column, Group, Lead + (Path.Length == 0 ? "" : $"{Path}: ") + message);

    public SourceLocation Locate(YamlNode node) => Diagnostics.Locate(node);
}
