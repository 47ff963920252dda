using System.Globalization;

namespace FleetOps.Benchmarks;

/// <summary>Reads <c>--name value</c> pairs (and bare <c>--flag</c>s) with defaults.</summary>
public sealed class BenchmarkArgs(string[] args)
{
    public int Int(string name, int fallback) =>
        Value(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        Value(name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) => Value(name) ?? fallback;

    public bool Flag(string name) => Array.IndexOf(args, $"--{name}") >= 0;

    private string? Value(string name)
    {
        var index = Array.IndexOf(args, $"--{name}");
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
