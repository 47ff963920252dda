namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>Reads the top level of fleet.yaml: the apiVersion and the list of groups.</summary>
internal static class FleetReader
{
    private static readonly string[] KnownFields = ["apiVersion", "groups"];

    public static FleetDefinition? Read(YamlNode root, ErrorScope scope)
    {
        if (root is not MappingNode mapping)
        {
            scope.Report(FleetYamlErrorCode.RootNotAMapping, root,
                $"the top level must be a mapping with 'apiVersion' and 'groups', not {root.Describe()}");
            return null;
        }
        var fields = FieldSet.Read(mapping, KnownFields, scope);
        var apiVersion = ReadApiVersion(fields, mapping, scope);
        var groups = ReadGroups(fields, mapping, scope);
        return apiVersion is null || groups is null ? null : new FleetDefinition(apiVersion, groups);
    }

    private static string? ReadApiVersion(FieldSet fields, MappingNode mapping, ErrorScope scope)
    {
        var apiVersion = fields.Text("apiVersion", scope);
        if (apiVersion is null)
        {
            if (!fields.HasNonText("apiVersion"))
                scope.Report(FleetYamlErrorCode.ApiVersionMissing, fields["apiVersion"]?.ValueOrKey ?? mapping,
                    $"apiVersion is missing (add 'apiVersion: {FleetDefinition.SupportedApiVersion}' at the top)");
            return null;
        }
        if (apiVersion != FleetDefinition.SupportedApiVersion)
        {
            scope.Report(FleetYamlErrorCode.ApiVersionUnsupported, fields["apiVersion"]!.Value,
                $"apiVersion '{apiVersion}' is not supported (use '{FleetDefinition.SupportedApiVersion}')");
            return null;
        }
        return apiVersion;
    }

    private static List<GroupDefinition>? ReadGroups(FieldSet fields, MappingNode mapping, ErrorScope scope)
    {
        switch (fields["groups"])
        {
            case null:
                scope.Report(FleetYamlErrorCode.GroupsMissing, mapping,
                    "groups is missing (add a 'groups:' list; each group has a name, a path and a selector)");
                return null;
            case { Value: ScalarNode { IsNull: true } } empty:
                scope.Report(FleetYamlErrorCode.GroupsMissing, empty.Key,
                    "groups has no value (list the groups below it, each starting with '- name:', or write 'groups: []')");
                return null;
            case { Value: not SequenceNode } entry:
                scope.Report(FleetYamlErrorCode.GroupsNotAList, entry.Value,
                    $"groups must be a list of groups, each starting with '- name:', not {entry.Value.Describe()}");
                return null;
            case { Value: SequenceNode list }:
                return ReadGroupList(list, scope);
        }
    }

    private static List<GroupDefinition>? ReadGroupList(SequenceNode list, ErrorScope scope)
    {
        var groups = new List<GroupDefinition>();
        var firstLineByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var complete = true;
        for (var index = 0; index < list.Items.Count; index++)
        {
            if (GroupReader.Read(list.Items[index], index, scope, firstLineByName) is { } group)
                groups.Add(group);
            else
                complete = false;
        }
        return complete ? groups : null;
    }
}
