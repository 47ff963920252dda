using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads a group's selector in the Kubernetes LabelSelector shape (matchLabels, matchExpressions),
/// validating keys, values and operators exactly as a Kubernetes API server would.
/// </summary>
internal static class SelectorReader
{
    private const string ValidOperators = "In, NotIn, Exists, DoesNotExist";
    private static readonly string[] KnownFields = ["matchLabels", "matchExpressions"];
    private static readonly string[] ExpressionFields = ["key", "operator", "values"];
    private static readonly string[] OperatorNames = Enum.GetNames<LabelSelectorOperator>();

    public static LabelSelector? Read(MappingEntry? entry, MappingNode group, ErrorScope scope)
    {
        // A missing selector is an error rather than "every cluster": deploying to the whole fleet
        // should be written down, not happen because a line was forgotten.
        switch (entry)
        {
            case null:
                scope.Report(FleetYamlErrorCode.SelectorMissing, group,
                    "selector is missing (write 'selector: {}' to select every cluster, or give matchLabels or matchExpressions)");
                return null;
            case { Value: ScalarNode { IsNull: true } }:
                scope.Report(FleetYamlErrorCode.SelectorMissing, entry.Key,
                    "selector has no value (write 'selector: {}' to select every cluster, or give matchLabels or matchExpressions)");
                return null;
            case { Value: not MappingNode }:
                var stringForm = entry.Value is ScalarNode ? "; the kubectl string form is not read in fleet.yaml" : "";
                scope.Report(FleetYamlErrorCode.SelectorNotAMapping, entry.Value,
                    $"selector must be a mapping with matchLabels and/or matchExpressions, not {entry.Value.Describe()} (write 'selector: {{}}' to select every cluster{stringForm})");
                return null;
        }
        var selectorScope = scope.Field("selector");
        var fields = FieldSet.Read((MappingNode)entry.Value, KnownFields, selectorScope);
        var matchLabels = ReadMatchLabels(fields["matchLabels"], selectorScope);
        var matchExpressions = ReadMatchExpressions(fields["matchExpressions"], selectorScope);
        return matchLabels is null || matchExpressions is null ? null : new LabelSelector(matchLabels, matchExpressions);
    }

    private static Dictionary<string, string>? ReadMatchLabels(MappingEntry? entry, ErrorScope scope)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry is null or { Value: ScalarNode { IsNull: true } })
            return labels;
        if (entry.Value is not MappingNode mapping)
        {
            scope.Report(FleetYamlErrorCode.MatchLabelsNotAMapping, entry.Value,
                $"matchLabels must be a mapping of label keys to values, as in {{region: east}}, not {entry.Value.Describe()}");
            return null;
        }
        var labelsScope = scope.Field("matchLabels");
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = true;
        foreach (var label in mapping.Entries)
        {
            var key = ReadKey(label.Key, labelsScope);
            var value = LabelValueReader.Read(label.Value, label, key is null ? "a label value" : $"the value of '{key}'", labelsScope);
            if (key is not null && !firstLines.TryAdd(key, label.Key.Line))
            {
                labelsScope.Report(FleetYamlErrorCode.DuplicateField, label.Key,
                    $"label key '{key}' is given twice (first on line {firstLines[key]}; keep one)");
                valid = false;
            }
            else if (key is not null && value is not null)
                labels[key] = value;
            else
                valid = false;
        }
        return valid ? labels : null;
    }

    private static List<LabelSelectorRequirement>? ReadMatchExpressions(MappingEntry? entry, ErrorScope scope)
    {
        var requirements = new List<LabelSelectorRequirement>();
        if (entry is null or { Value: ScalarNode { IsNull: true } })
            return requirements;
        if (entry.Value is not SequenceNode list)
        {
            scope.Report(FleetYamlErrorCode.MatchExpressionsNotAList, entry.Value,
                $"matchExpressions must be a list of {{key, operator, values}} entries, not {entry.Value.Describe()}");
            return null;
        }
        var valid = true;
        for (var index = 0; index < list.Items.Count; index++)
        {
            if (ReadExpression(list.Items[index], scope.Field("matchExpressions").Item(index)) is { } requirement)
                requirements.Add(requirement);
            else
                valid = false;
        }
        return valid ? requirements : null;
    }

    private static LabelSelectorRequirement? ReadExpression(YamlNode item, ErrorScope scope)
    {
        if (item is not MappingNode mapping)
        {
            scope.Report(FleetYamlErrorCode.ExpressionNotAMapping, item,
                $"must be a mapping with key, operator and values, as in {{key: ring, operator: NotIn, values: [canary]}}, not {item.Describe()}");
            return null;
        }
        var fields = FieldSet.Read(mapping, ExpressionFields, scope);
        var key = ReadExpressionKey(fields, mapping, scope);
        var op = ReadOperator(fields, mapping, scope);
        var values = ReadValues(fields["values"], scope);
        if (key is null || op is null || values is null)
            return null;
        return CheckValueCount(op.Value, values, fields["values"]?.ValueOrKey ?? mapping, scope)
            ? new LabelSelectorRequirement(key, op.Value, values)
            : null;
    }

    private static string? ReadExpressionKey(FieldSet fields, MappingNode mapping, ErrorScope scope)
    {
        var key = fields.Text("key", scope);
        if (string.IsNullOrEmpty(key))
        {
            if (!fields.HasNonText("key"))
                scope.Report(FleetYamlErrorCode.LabelKeyMissing, fields["key"]?.ValueOrKey ?? mapping,
                    "key is missing (give the label key to test, as in 'key: ring')");
            return null;
        }
        return ReadKey(fields["key"]!.Value, scope);
    }

    private static LabelSelectorOperator? ReadOperator(FieldSet fields, MappingNode mapping, ErrorScope scope)
    {
        var op = fields.Text("operator", scope);
        if (string.IsNullOrEmpty(op))
        {
            if (!fields.HasNonText("operator"))
                scope.Report(FleetYamlErrorCode.OperatorMissing, fields["operator"]?.ValueOrKey ?? mapping,
                    $"operator is missing (use one of {ValidOperators})");
            return null;
        }
        // Matched by exact name: Enum.Parse would also take "in" or "0", which Kubernetes refuses.
        if (Array.IndexOf(OperatorNames, op) is var index and >= 0)
            return (LabelSelectorOperator)index;
        var guess = DidYouMean.Nearest(op, OperatorNames) is { } nearest ? $"did you mean '{nearest}'? " : "";
        scope.Report(FleetYamlErrorCode.OperatorInvalid, fields["operator"]!.Value,
            $"operator '{op}' is not valid ({guess}use one of {ValidOperators})");
        return null;
    }

    private static List<string>? ReadValues(MappingEntry? entry, ErrorScope scope)
    {
        var values = new List<string>();
        if (entry is null or { Value: ScalarNode { IsNull: true } })
            return values;
        if (entry.Value is not SequenceNode list)
        {
            scope.Report(FleetYamlErrorCode.ValuesNotAList, entry.Value,
                $"values must be a list, as in [canary], not {entry.Value.Describe()}");
            return null;
        }
        var valid = true;
        for (var index = 0; index < list.Items.Count; index++)
        {
            if (LabelValueReader.Read(list.Items[index], null, $"values[{index}]", scope) is { } value)
                values.Add(value);
            else
                valid = false;
        }
        return valid ? values : null;
    }

    private static bool CheckValueCount(LabelSelectorOperator op, List<string> values, YamlNode at, ErrorScope scope)
    {
        switch (op)
        {
            case LabelSelectorOperator.In or LabelSelectorOperator.NotIn when values.Count == 0:
                scope.Report(FleetYamlErrorCode.ValuesRequired, at,
                    $"operator {op} needs at least one value (as in 'values: [canary]')");
                return false;
            case LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist when values.Count > 0:
                scope.Report(FleetYamlErrorCode.ValuesNotAllowed, at,
                    $"operator {op} takes no values (remove 'values')");
                return false;
            default:
                return true;
        }
    }

    private static string? ReadKey(YamlNode node, ErrorScope scope)
    {
        if (node is not ScalarNode { IsNull: false } scalar)
        {
            scope.Report(FleetYamlErrorCode.LabelKeyInvalid, node, $"a label key must be text, not {node.Describe()}");
            return null;
        }
        if (LabelSyntax.ValidateKey(scalar.Value) is { } problem)
        {
            scope.Report(FleetYamlErrorCode.LabelKeyInvalid, node, $"label key '{scalar.Value}' is not valid: {problem}");
            return null;
        }
        return scalar.Value;
    }
}
