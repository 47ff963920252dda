using System.Globalization;
using System.Text.RegularExpressions;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>
/// The CronJob schedule check: robfig/cron's ParseStandard, which kube-apiserver calls, with its messages
/// (<c>expected exactly 5 fields, found 4: [* * * *]</c>, <c>end of range (60) above maximum (59): 60</c>).
/// </summary>
internal static partial class CronSchedule
{
    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private static readonly Dictionary<string, int> Months = Names(1, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private static readonly Dictionary<string, int> Days = Names(0, "sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private static readonly (int Min, int Max, Dictionary<string, int>? Names)[] Fields =
    [
        (0, 59, null), (0, 23, null), (1, 31, null), (1, 12, Months), (0, 6, Days),
    ];

    /// <summary>Why robfig/cron refuses the schedule, or null when it parses.</summary>
    public static string? Problem(string spec)
    {
        if (spec.Length == 0)
            return "empty spec string";

        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
                return $"invalid timezone specification: {spec}";

            var zone = spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                return $"provided bad location {zone}: unknown time zone {zone}";

            spec = spec[space..].Trim();
        }

        if (spec.StartsWith('@'))
            return Descriptor(spec);

        var fields = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
            return $"expected exactly 5 fields, found {fields.Length}: [{string.Join(' ', fields)}]";

        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var range in fields[i].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Range(range, Fields[i]) is { } problem)
                    return problem;
            }
        }

        return null;
    }

    private static string? Descriptor(string spec)
    {
        if (Descriptors.Contains(spec, StringComparer.Ordinal))
            return null;

        const string every = "@every ";
        if (!spec.StartsWith(every, StringComparison.Ordinal))
            return $"unrecognized descriptor: {spec}";

        var duration = spec[every.Length..];
        return GoDuration().IsMatch(duration) ? null : $"failed to parse duration {spec}: time: invalid duration \"{duration}\"";
    }

    /// <summary>One comma-separated part: <c>*</c>, <c>n</c>, <c>n-m</c>, each optionally <c>/step</c>.</summary>
    private static string? Range(string expression, (int Min, int Max, Dictionary<string, int>? Names) bounds)
    {
        var rangeAndStep = expression.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        int start, end;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end) = (bounds.Min, bounds.Max);
        }
        else
        {
            if (Number(lowAndHigh[0], bounds.Names, out start) is { } startProblem)
                return startProblem;

            end = start;
            if (lowAndHigh.Length == 2 && Number(lowAndHigh[1], bounds.Names, out end) is { } endProblem)
                return endProblem;

            if (lowAndHigh.Length > 2)
                return $"too many hyphens: {expression}";
        }

        var step = 1;
        if (rangeAndStep.Length == 2)
        {
            if (Number(rangeAndStep[1], null, out step) is { } stepProblem)
                return stepProblem;

            if (lowAndHigh.Length == 1)
                end = bounds.Max;
        }
        else if (rangeAndStep.Length > 2)
        {
            return $"too many slashes: {expression}";
        }

        if (start < bounds.Min)
            return $"beginning of range ({start}) below minimum ({bounds.Min}): {expression}";

        if (end > bounds.Max)
            return $"end of range ({end}) above maximum ({bounds.Max}): {expression}";

        if (start > end)
            return $"beginning of range ({start}) beyond end of range ({end}): {expression}";

        return step == 0 ? $"step of range should be a positive number: {expression}" : null;
    }

    private static string? Number(string text, Dictionary<string, int>? names, out int value)
    {
        if (names is not null && names.TryGetValue(text.ToLowerInvariant(), out value))
            return null;

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = 0;
            var reason = text.Length > 0 && text.TrimStart('+', '-').All(char.IsAsciiDigit) && text.TrimStart('+', '-').Length > 0 ? "value out of range" : "invalid syntax";
            return $"failed to parse int from {text}: strconv.Atoi: parsing {Values.Quoted(text)}: {reason}";
        }

        if (number < 0)
        {
            value = 0;
            return $"negative number ({number}) not allowed: {text}";
        }

        value = (int)Math.Min(number, int.MaxValue);
        return null;
    }

    private static Dictionary<string, int> Names(int first, params string[] names) =>
        names.Select((name, i) => (name, i + first)).ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal);

    // Go's time.ParseDuration: a sequence of decimal numbers with units, optionally signed.
    [GeneratedRegex(@"^[-+]?(0|([0-9]*(\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+)$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();
}
