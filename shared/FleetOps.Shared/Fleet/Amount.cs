using System.Globalization;

namespace FleetOps.Shared.Fleet;

/// <summary>
/// A number of members, written as a count (<c>3</c>) or as a share of the members there are (<c>10%</c>).
/// Exactly one of <see cref="Count"/> and <see cref="Percent"/> is set; <c>default</c> counts zero.
/// </summary>
public readonly record struct Amount(int? Count, double? Percent)
{
    public int? Count { get; init; } = Count is null or >= 0
        ? Count
        : throw new ArgumentOutOfRangeException(nameof(Count), Count, "a count must not be negative");

    public double? Percent { get; init; } = Percent switch
    {
        null => null,
        _ when Count is not null => throw new ArgumentException("an amount is a count or a percent, not both", nameof(Percent)),
        >= 0 and <= 100 => Percent,
        _ => throw new ArgumentOutOfRangeException(nameof(Percent), Percent, "a percent lies between 0 and 100"),
    };

    public static Amount OfCount(int count) => new(count, null);

    public static Amount OfPercent(double percent) => new(null, percent);

    /// <summary>
    /// How many of <paramref name="total"/> members this is: a count as is; a percent rounded up, so a
    /// share never rounds a small group down to nobody (10% of 5 is 1; 0% is 0).
    /// </summary>
    public int Of(int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        // In decimal, because 1.1% of 1000 is 11.000000000000002 in double and would round up to 12.
        return Percent is { } percent ? (int)Math.Ceiling((decimal)percent * total / 100m) : Count ?? 0;
    }

    /// <summary>As written in fleet.yaml: <c>3</c> or <c>10%</c>.</summary>
    public override string ToString() =>
        Percent is { } percent
            ? percent.ToString(CultureInfo.InvariantCulture) + "%"
            : (Count ?? 0).ToString(CultureInfo.InvariantCulture);
}
