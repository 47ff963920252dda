namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads <c>rollout.canary</c>: its members (exactly one of a selector, a count or a percent of the
/// group) and how long they bake.
/// </summary>
internal static class CanaryReader
{
    private const string Choices = "selector (as in selector: {matchLabels: {ring: canary}}), count (as in count: 2) or percent (as in percent: 5)";
    private static readonly string[] KnownFields = ["selector", "count", "percent", "bake"];
    private static readonly string[] MemberFields = ["selector", "count", "percent"];

    public static CanaryPolicy? Read(MappingEntry entry, ErrorScope scope)
    {
        if (entry.Value is not MappingNode mapping)
        {
            scope.Report(FleetYamlErrorCode.CanaryNotAMapping, entry.ValueOrKey, entry.Value is ScalarNode { IsNull: true }
                ? $"canary has no value (give exactly one of {Choices}, or remove it)"
                : $"canary must be a mapping with one of selector, count or percent, and bake, not {entry.Value.Describe()}");
            return null;
        }
        var canaryScope = scope.Field("canary");
        var fields = FieldSet.Read(mapping, KnownFields, canaryScope);
        var given = MemberFields.Where(name => fields[name] is not null).ToList();
        var chosen = CheckOneChoice(given, fields, mapping, canaryScope);

        var selector = fields["selector"] is { } selectorEntry ? SelectorReader.Read(selectorEntry, mapping, canaryScope) : null;
        var count = fields["count"] is { } countEntry
            ? QuantityReader.ReadCount(countEntry, 1, CountHint(countEntry), canaryScope)
            : null;
        var percent = fields["percent"] is { } percentEntry
            ? QuantityReader.ReadPercent(percentEntry, allowZero: false, bareNumber: true, canaryScope)
            : null;
        var bake = fields["bake"] is { } bakeEntry ? QuantityReader.ReadDuration(bakeEntry, canaryScope) : TimeSpan.Zero;

        if (!chosen || bake is null)
            return null;
        return given[0] switch
        {
            "selector" when selector is not null => new CanaryPolicy(selector, null, bake.Value),
            "count" when count is not null => new CanaryPolicy(null, Amount.OfCount(count.Value), bake.Value),
            "percent" when percent is not null => new CanaryPolicy(null, Amount.OfPercent(percent.Value), bake.Value),
            _ => null,
        };
    }

    private static bool CheckOneChoice(List<string> given, FieldSet fields, MappingNode mapping, ErrorScope scope)
    {
        if (given.Count == 0)
        {
            scope.Report(FleetYamlErrorCode.CanaryMembersMissing, mapping, $"canary names no members (give exactly one of {Choices})");
            return false;
        }
        if (given.Count > 1)
        {
            scope.Report(FleetYamlErrorCode.CanaryMembersConflict, fields[given[1]]!.Key,
                $"canary gives both {given[0]} and {given[1]} (keep exactly one of selector, count or percent)");
            return false;
        }
        return true;
    }

    private static string CountHint(MappingEntry entry) =>
        entry.Value is ScalarNode { Value: var text } && text.EndsWith('%') ? $" (for a share of the group write 'percent: {text[..^1]}')" : "";
}
