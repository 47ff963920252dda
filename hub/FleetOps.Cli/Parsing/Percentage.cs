using System.Globalization;

namespace FleetOps.Cli.Parsing;

/// <summary>A share of clusters, <c>95%</c> or <c>95</c>, between 0 and 100.</summary>
public static class Percentage
{
    public static bool TryParse(string? text, out double percent)
    {
        percent = 0;
        var trimmed = text?.Trim().TrimEnd('%').Trim();
        return !string.IsNullOrEmpty(trimmed)
            && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out percent)
            && percent is >= 0 and <= 100;
    }

    public static string Format(double percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
