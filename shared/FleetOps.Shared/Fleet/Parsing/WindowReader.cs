using System.Text.RegularExpressions;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads <c>rollout.window</c>: the days, the start and end as 24-hour <c>HH:mm</c>, and the cluster
/// label that names each store's time zone.
/// </summary>
internal static partial class WindowReader
{
    private const string Days = "mon, tue, wed, thu, fri, sat or sun";
    private static readonly string[] KnownFields = ["days", "start", "end", "timezoneLabel"];

    public static WindowPolicy? Read(MappingEntry entry, ErrorScope scope)
    {
        if (entry.Value is not MappingNode mapping)
        {
            scope.Report(FleetYamlErrorCode.WindowNotAMapping, entry.ValueOrKey, entry.Value is ScalarNode { IsNull: true }
                ? "window has no value (give start and end, as in {start: \"02:00\", end: \"05:00\"}, or remove it to apply at any hour)"
                : $"window must be a mapping with days, start, end and timezoneLabel, not {entry.Value.Describe()}");
            return null;
        }
        var windowScope = scope.Field("window");
        var fields = FieldSet.Read(mapping, KnownFields, windowScope);
        var days = fields["days"] is { } daysEntry ? ReadDays(daysEntry, windowScope) : WindowFormat.EveryDay;
        var start = ReadTime(fields, "start", "opens", mapping, windowScope);
        var end = ReadTime(fields, "end", "closes", mapping, windowScope);
        var labelRead = TryReadTimezoneLabel(fields, windowScope, out var timezoneLabel);
        if (start is { } opens && end is { } closes && opens == closes)
        {
            windowScope.Report(FleetYamlErrorCode.WindowEmpty, fields["end"]!.Value,
                $"start and end are both {WindowFormat.FormatTime(opens)}, which leaves no time to apply (for a window across midnight give an end before the start, as in start: \"22:00\" and end: \"02:00\")");
            return null;
        }
        return days is null || start is null || end is null || !labelRead
            ? null
            : new WindowPolicy(days, start.Value, end.Value, timezoneLabel);
    }

    private static List<DayOfWeek>? ReadDays(MappingEntry entry, ErrorScope scope)
    {
        switch (entry.Value)
        {
            case ScalarNode { IsNull: true }:
                scope.Report(FleetYamlErrorCode.DaysEmpty, entry.Key, $"days has no value (list the days, as in [mon, tue], or remove it for every day)");
                return null;
            case SequenceNode { Items.Count: 0 } empty:
                scope.Report(FleetYamlErrorCode.DaysEmpty, empty, "days must name at least one day (remove it for every day)");
                return null;
            case not SequenceNode:
                var single = entry.Value is ScalarNode scalar ? $" (write [{scalar.Value}])" : "";
                scope.Report(FleetYamlErrorCode.DaysNotAList, entry.Value, $"days must be a list of {Days}, as in [mon, tue], not {entry.Value.Describe()}{single}");
                return null;
        }
        var list = (SequenceNode)entry.Value;
        var daysScope = scope.Field("days");
        var days = new List<DayOfWeek>();
        var firstLines = new Dictionary<DayOfWeek, int>();
        for (var index = 0; index < list.Items.Count; index++)
        {
            var item = list.Items[index];
            if (item is not ScalarNode { IsNull: false } scalar || !WindowFormat.TryParseDay(scalar.Value.ToLowerInvariant(), out var day))
            {
                var what = item is ScalarNode { IsNull: false, Kind: ScalarKind.String } text ? $"'{text.Value}'" : item.Describe();
                daysScope.Item(index).Report(FleetYamlErrorCode.DayInvalid, item, $"{what} is not a day (use {Days}{DaySuggestion(item)})");
                continue;
            }
            if (!firstLines.TryAdd(day, item.Line))
            {
                daysScope.Item(index).Report(FleetYamlErrorCode.DuplicateDay, item,
                    $"'{scalar.Value}' is listed twice (first on line {firstLines[day]}; keep one)");
                continue;
            }
            days.Add(day);
        }
        return days.Count == list.Items.Count ? days : null;
    }

    // "Monday" and "tues" suggest mon and tue: the first three letters name the day.
    private static string DaySuggestion(YamlNode item)
    {
        if (item is not ScalarNode { Kind: ScalarKind.String, Value.Length: >= 3 } scalar)
            return "";
        var prefix = scalar.Value[..3].ToLowerInvariant();
        var day = WindowFormat.DayNames.FirstOrDefault(name => name == prefix) ?? DidYouMean.Nearest(scalar.Value.ToLowerInvariant(), WindowFormat.DayNames);
        return day is null ? "" : $"; did you mean '{day}'?";
    }

    private static TimeOnly? ReadTime(FieldSet fields, string name, string verb, MappingNode window, ErrorScope scope)
    {
        var entry = fields[name];
        if (entry is null or { Value: ScalarNode { IsNull: true } })
        {
            scope.Report(FleetYamlErrorCode.TimeMissing, entry?.Key ?? window,
                $"{name} is missing (give the store-local time the window {verb}, as in {name}: \"{(name == "start" ? "02:00" : "05:00")}\")");
            return null;
        }
        if (entry.Value is ScalarNode scalar && WindowFormat.TryParseTime(scalar.Value, out var time))
            return time;
        scope.Report(FleetYamlErrorCode.TimeInvalid, entry.Value, TimeProblem(name, entry.Value));
        return null;
    }

    private static string TimeProblem(string name, YamlNode value)
    {
        const string Form = "a 24-hour time in HH:mm, as in \"02:00\" or \"22:30\"";
        if (value is not ScalarNode scalar)
            return $"{name} must be {Form}, not {value.Describe()}";
        if (OneDigitHour().Match(scalar.Value) is { Success: true } match)
        {
            var minutes = (int.Parse(match.Groups[1].Value) * 60) + int.Parse(match.Groups[2].Value);
            return $"{name} '{scalar.Value}' needs a two-digit hour: write {name}: \"0{scalar.Value}\" (quoted, because YAML 1.1 readers take an unquoted {scalar.Value} for the number {minutes})";
        }
        if (scalar.Kind is ScalarKind.Number or ScalarKind.Boolean)
            return $"{name} is read as {scalar.Describe()}, not a time (write {Form}, in quotes)";
        if (scalar.Value == "24:00")
            return $"{name} '24:00' is not a time of day (use 00:00 to 23:59; an end of \"00:00\" closes the window at midnight)";
        return $"{name} '{scalar.Value}' is not {Form}";
    }

    private static bool TryReadTimezoneLabel(FieldSet fields, ErrorScope scope, out string? label)
    {
        label = null;
        if (fields["timezoneLabel"] is not { } entry)
            return true;
        var text = fields.Text("timezoneLabel", scope);
        if (text is null)
        {
            if (!fields.HasNonText("timezoneLabel"))
                scope.Report(FleetYamlErrorCode.TimezoneLabelInvalid, entry.ValueOrKey,
                    "timezoneLabel has no value (name the cluster label that holds each store's IANA time zone, as in 'timezoneLabel: tz', or remove it for UTC)");
            return false;
        }
        if (LabelSyntax.ValidateKey(text) is { } problem)
        {
            scope.Report(FleetYamlErrorCode.TimezoneLabelInvalid, entry.Value, $"timezoneLabel '{text}' is not a valid label key: {problem}");
            return false;
        }
        label = text;
        return true;
    }

    [GeneratedRegex(@"^([0-9]):([0-5][0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex OneDigitHour();
}
