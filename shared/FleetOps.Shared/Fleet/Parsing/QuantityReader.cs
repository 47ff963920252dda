using System.Globalization;
using System.Text.RegularExpressions;

namespace FleetOps.Shared.Fleet.Parsing;

/// <summary>
/// Reads the quantities of a rollout block: durations (<c>10m</c>, <c>1h30m</c>), counts (<c>3</c>),
/// percents (<c>10%</c>) and amounts (either). Each returns null after reporting what to write instead.
/// </summary>
internal static partial class QuantityReader
{
    private const string DurationExamples = "30s, 10m, 2h, 1d or 1h30m";
    private static readonly long MaxSeconds = TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond;

    public static TimeSpan? ReadDuration(MappingEntry entry, ErrorScope scope)
    {
        var name = entry.KeyText;
        if (entry.Value is not ScalarNode { IsNull: false } scalar)
        {
            scope.Report(FleetYamlErrorCode.DurationInvalid, entry.ValueOrKey,
                $"{name} must be a duration such as {DurationExamples}, not {entry.Value.Describe()}");
            return null;
        }
        if (ParseDuration(scalar.Value) is { } duration)
            return duration;
        var hint = scalar.Kind == ScalarKind.Number && IsCount(scalar.Value)
            ? $"is read as the number {scalar.Value}, not a duration (give a unit, as in {scalar.Value}s or {scalar.Value}m)"
            : $"'{scalar.Value}' is not a duration (write whole numbers with the units d, h, m and s, largest first, as in {DurationExamples})";
        scope.Report(FleetYamlErrorCode.DurationInvalid, scalar, $"{name} {hint}");
        return null;
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public static int? ReadCount(MappingEntry entry, int minimum, string hint, ErrorScope scope)
    {
        var name = entry.KeyText;
        if (entry.Value is ScalarNode { IsNull: false } scalar && IsCount(scalar.Value)
            && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= minimum)
            return count;
        var value = entry.Value is ScalarNode { IsNull: false } text ? $"'{text.Value}'" : entry.Value.Describe();
        scope.Report(FleetYamlErrorCode.CountInvalid, entry.ValueOrKey, $"{name} must be a whole number of {minimum} or more, not {value}{hint}");
        return null;
    }

    /// <summary>A share written <c>10%</c> (or, where <paramref name="bareNumber"/>, <c>10</c>).</summary>
    public static double? ReadPercent(MappingEntry entry, bool allowZero, bool bareNumber, ErrorScope scope)
    {
        var name = entry.KeyText;
        if (entry.Value is ScalarNode { IsNull: false } scalar
            && ParsePercent(scalar.Value, bareNumber) is { } percent && InRange(percent, allowZero))
            return percent;
        var value = entry.Value is ScalarNode { IsNull: false } text ? $"'{text.Value}'" : entry.Value.Describe();
        scope.Report(FleetYamlErrorCode.PercentInvalid, entry.ValueOrKey, $"{name} must be a percentage {Range(allowZero)}, as in 10%, not {value}");
        return null;
    }

    /// <summary>A count (<c>100</c>) or a share (<c>10%</c>); zero only where <paramref name="allowZero"/>.</summary>
    public static Amount? ReadAmount(MappingEntry entry, bool allowZero, ErrorScope scope)
    {
        var name = entry.KeyText;
        var example = allowZero ? "2 or \"2%\"" : "100 or \"10%\"";
        if (entry.Value is not ScalarNode { IsNull: false } scalar)
        {
            scope.Report(FleetYamlErrorCode.AmountInvalid, entry.ValueOrKey, $"{name} must be a count or a share, as in {example}, not {entry.Value.Describe()}");
            return null;
        }
        if (scalar.Value.EndsWith('%'))
            return ReadPercent(entry, allowZero, bareNumber: false, scope) is { } percent ? Amount.OfPercent(percent) : null;
        if (NumberPattern().IsMatch(scalar.Value))
            return ReadCount(entry, allowZero ? 0 : 1, $" (or a share, as in \"10%\")", scope) is { } count ? Amount.OfCount(count) : null;
        scope.Report(FleetYamlErrorCode.AmountInvalid, scalar, $"{name} '{scalar.Value}' is neither a count nor a share (write a whole number or a percentage, as in {example})");
        return null;
    }

    /// <summary><c>10%</c> or <c>0.5%</c> as a number of percent; null when it is not written that way.</summary>
    public static double? ParsePercent(string text, bool bareNumber = false)
    {
        var number = text.EndsWith('%') ? text[..^1] : bareNumber ? text : null;
        return number is not null && NumberPattern().IsMatch(number)
            && double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            ? percent
            : null;
    }

    public static bool InRange(double percent, bool allowZero) => (allowZero ? percent >= 0 : percent > 0) && percent <= 100;

    public static string Range(bool allowZero) => allowZero ? "from 0% to 100%" : "above 0% and at most 100%";

    /// <summary>Whole numbers with units largest first, each once: <c>1d</c>, <c>1h30m</c>, <c>0s</c>.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (text.Length == 0 || !match.Success)
            return null;
        long[] secondsPerUnit = [86_400, 3_600, 60, 1];
        long total = 0;
        for (var unit = 0; unit < secondsPerUnit.Length; unit++)
        {
            var group = match.Groups[unit + 1];
            if (!group.Success)
                continue;
            if (!long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
                || amount > (MaxSeconds - total) / secondsPerUnit[unit])
                return null;
            total += amount * secondsPerUnit[unit];
        }
        return TimeSpan.FromSeconds(total);
    }

    private static bool IsCount(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    [GeneratedRegex(@"^(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^-?[0-9]+(?:\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
