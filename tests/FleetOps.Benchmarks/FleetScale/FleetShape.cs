using System.Globalization;

namespace FleetOps.Benchmarks.FleetScale;

/// <summary>
/// How the benchmark's fleet of <see cref="Stores"/> is cut: <see cref="Groups"/> groups of consecutive stores (one group,
/// <c>pos</c>, selects every store), so the failing share (every 100th store) spreads over them all, and with <see cref="Rollout"/> each group rolls out progressively: its canary stores (1 in 50 of its members),
/// then three waves, bake 0.
/// </summary>
public sealed record FleetShape(int Stores, int Groups, bool Rollout)
{
    /// <summary>One store in this many is a canary.</summary>
    public const int CanaryEvery = 50;

    public string Group(int index) => Groups == 1 ? FleetScaleRepository.Group : string.Create(CultureInfo.InvariantCulture, $"pos-{index:D3}");

    public IReadOnlyList<string> GroupNames => Enumerable.Range(0, Groups).Select(Group).ToList();

    /// <summary>The labels store <paramref name="store"/> is registered with.</summary>
    public Dictionary<string, string> Labels(int store) => new()
    {
        ["region"] = "bench",
        ["shard"] = ((long)store * Groups / Stores).ToString(CultureInfo.InvariantCulture),
        ["ring"] = store % CanaryEvery == 0 ? "canary" : "main",
    };

    /// <summary>For file names and the plot's legend: "" for the plain run, else "-g100", "-rollout", "-g100-rollout".</summary>
    public string Suffix => (Groups == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"-g{Groups}")) + (Rollout ? "-rollout" : "");

    public string Describe() => (Groups == 1 ? "one group" : $"{Groups} groups") + (Rollout ? ", each a rollout (canary + 3 waves, bake 0)" : ", all at once");
}
