using System.Globalization;
using System.Text;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// Share of the stores Converged at the new revision over seconds since the commit, as the hub's API
/// showed it at each poll; the share is of the stores meant to converge (the failing share excluded).
/// </summary>
public sealed class ConvergenceCurve(int expected)
{
    private readonly List<(double Seconds, int Converged)> points = [(0, 0)];

    public int Expected => expected;

    public IReadOnlyList<(double Seconds, int Converged)> Points => points;

    public int Latest => points[^1].Converged;

    public void Add(double seconds, int converged) => points.Add((seconds, converged));

    /// <summary>Seconds from the commit until at least <paramref name="share"/> of the expected stores were seen Converged; null if never.</summary>
    public double? SecondsTo(double share)
    {
        var needed = (int)Math.Ceiling(share * expected);
        foreach (var (seconds, converged) in points)
        {
            if (converged >= needed)
                return seconds;
        }
        return null;
    }

    public string ToCsv()
    {
        var csv = new StringBuilder("seconds,converged,share\n");
        foreach (var (seconds, converged) in points)
            csv.Append(CultureInfo.InvariantCulture, $"{seconds:F2},{converged},{(double)converged / expected:F4}\n");
        return csv.ToString();
    }

    /// <summary>Reads a curve written by <see cref="ToCsv"/>, as (seconds, share) pairs.</summary>
    public static IReadOnlyList<(double Seconds, double Share)> ReadShares(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();
}
