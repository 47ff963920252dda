using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads one entry of the groups list. A new group field (pause, pinned revision) is added
/// to <see cref="KnownFields"/> and read here into an init property of <see cref="GroupDefinition"/>.
/// </summary>
internal static class GroupReader
{
    private static readonly string[] KnownFields = ["name", "path", "selector", "rollout"];

    public static GroupDefinition? Read(YamlNode item, int index, ErrorScope fleetScope, Dictionary<string, int> firstLineByName)
    {
        if (item is not MappingNode mapping)
        {
            fleetScope.Report(FleetYamlErrorCode.GroupNotAMapping, item,
                $"group #{index + 1} must be a mapping with name, path and selector, not {item.Describe()}");
            return null;
        }
        var scope = fleetScope.ForGroup(NameForMessages(mapping), index);
        var fields = FieldSet.Read(mapping, KnownFields, scope);
        var name = ReadName(fields, mapping, scope, firstLineByName);
        var path = GroupPathReader.Read(fields, mapping, scope);
        var selector = SelectorReader.Read(fields["selector"], mapping, scope);
        var rolloutRead = RolloutReader.TryRead(fields["rollout"], scope, out var rollout);
        if (name is null || path is null || selector is null || !rolloutRead)
            return null;
        return new GroupDefinition(name, path.Value.Path, selector)
        {
            Source = new GroupSource(scope.Locate(mapping), scope.Locate(path.Value.At)),
            Rollout = rollout,
        };
    }

    // Messages name the group as written, even when the name itself is the problem.
    private static string? NameForMessages(MappingNode mapping) =>
        mapping.Entries.FirstOrDefault(entry => entry.KeyText == "name")?.Value is ScalarNode { IsNull: false, Value.Length: > 0 } name
            ? name.Value
            : null;

    private static string? ReadName(FieldSet fields, MappingNode mapping, ErrorScope scope, Dictionary<string, int> firstLineByName)
    {
        var name = fields.Text("name", scope);
        if (string.IsNullOrEmpty(name))
        {
            if (!fields.HasNonText("name"))
                scope.Report(FleetYamlErrorCode.NameMissing, fields["name"]?.ValueOrKey ?? mapping,
                    "name is missing (add 'name:' with a DNS label such as 'pos-east')");
            return null;
        }
        var at = fields["name"]!.Value;
        if (DnsNames.ValidateLabel(name) is { } problem)
        {
            scope.Report(FleetYamlErrorCode.NameInvalid, at,
                $"name '{name}' is not a valid DNS label: {problem}{ExampleName(name)}");
            return null;
        }
        if (firstLineByName.TryGetValue(name, out var firstLine))
        {
            scope.Report(FleetYamlErrorCode.DuplicateGroupName, at,
                $"name '{name}' is already used by the group on line {firstLine} (group names must be unique)");
            return null;
        }
        firstLineByName.Add(name, at.Line);
        return name;
    }

    // "Pos_East" -> " (for example 'pos-east')": the nearest valid label, when there is one.
    private static string ExampleName(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => DnsNames.IsLowerAlphanumeric(c) ? c : '-').ToArray();
        var example = new string(chars).Trim('-');
        if (example.Length > DnsNames.MaxLabelLength)
            example = example[..DnsNames.MaxLabelLength].TrimEnd('-');
        return example != name && DnsNames.IsLabel(example) ? $" (for example '{example}')" : "";
    }
}
