using System.Globalization;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>A results file's name after <c>fleet-scale-</c>: the fleet size, then the mode (<see cref="FleetShape.Suffix"/>).</summary>
public sealed record CurveName(int Stores, string Mode)
{
    public string Legend => $"{Stores:N0} stores" + (Mode.Length == 0 ? "" : $" ({Mode.TrimStart('-').Replace('-', ' ')})");

    /// <summary>Null for a name this benchmark did not write.</summary>
    public static CurveName? Parse(string name)
    {
        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && int.TryParse(name[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var stores)
            ? new CurveName(stores, name[digits..])
            : null;
    }
}
