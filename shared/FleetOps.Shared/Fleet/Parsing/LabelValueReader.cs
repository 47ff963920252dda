using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads a label value, which must be a YAML string: an unquoted 1, 1.0, yes or on is a number or
/// boolean to Kubernetes and would be refused there, so it is refused here with the fix (quote it).
/// </summary>
internal static class LabelValueReader
{
    public static string? Read(YamlNode node, MappingEntry? entry, string what, ErrorScope scope)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } scalar when LabelSyntax.ValidateValue(scalar.Value) is { } problem:
                scope.Report(FleetYamlErrorCode.LabelValueInvalid, node, $"{what}, '{scalar.Value}', is not a valid label value: {problem}");
                return null;
            case ScalarNode { Kind: ScalarKind.String } scalar:
                return scalar.Value;
            case ScalarNode { Kind: ScalarKind.Null }:
                scope.Report(FleetYamlErrorCode.LabelValueNotString, entry?.ValueOrKey ?? node,
                    $"{what} is missing (label values are text; write \"\" for an empty value)");
                return null;
            case ScalarNode scalar:
                scope.Report(FleetYamlErrorCode.LabelValueNotString, node,
                    $"{what} is read as {scalar.Describe()}, but label values are text (quote it: \"{scalar.Value}\")");
                return null;
            default:
                scope.Report(FleetYamlErrorCode.LabelValueNotString, node, $"{what} must be text, not {node.Describe()}");
                return null;
        }
    }
}
