using System.Globalization;

namespace FleetOps.Benchmarks;

/// <summary>Reads <c>--name value</c> pairs with defaults.</summary>
public sealed class BenchmarkArgs(string[] args)
{
    public int Int(string name, int fallback)
    {
        var index = Array.IndexOf(args, $"--{name}");
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
