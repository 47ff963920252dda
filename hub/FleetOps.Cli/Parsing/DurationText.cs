using System.Globalization;
using System.Text.RegularExpressions;

namespace FleetOps.Cli.Parsing;

/// <summary>
/// Durations as operators type them: <c>500ms</c>, <c>90s</c>, <c>10m</c>, <c>2h</c>, <c>3d</c>, <c>1w</c>, combined
/// (<c>1h30m</c>), or <c>hh:mm:ss</c>; and back into the short form for display.
/// </summary>
public static partial class DurationText
{
    public const string Examples = "500ms, 90s, 10m, 2h, 3d, 1h30m or 00:10:00";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed))
            return false;
        if (trimmed.Contains(':', StringComparison.Ordinal))
            return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        var match = Compound().Match(trimmed);
        if (!match.Success)
            return false;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            if (part.Value.EndsWith("ms", StringComparison.Ordinal))
            {
                duration += TimeSpan.FromMilliseconds(double.Parse(part.Value[..^2], NumberStyles.Float, CultureInfo.InvariantCulture));
                continue;
            }
            var number = double.Parse(part.Value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture);
            duration += part.Value[^1] switch
            {
                's' => TimeSpan.FromSeconds(number),
                'm' => TimeSpan.FromMinutes(number),
                'h' => TimeSpan.FromHours(number),
                'd' => TimeSpan.FromDays(number),
                _ => TimeSpan.FromDays(7 * number),
            };
        }
        return true;
    }

    /// <summary>The short form the hub also reads (<c>5400s</c>), exact to the second.</summary>
    public static string ToHubForm(TimeSpan duration) =>
        ((long)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(ms|[smhdw]))+$")]
    private static partial Regex Compound();
}
