namespace FleetOps.Simulator.Stores;

/// <summary>
/// A deterministic, realistic spread of store labels: regions alternate east/west, every
/// <see cref="CanaryEvery"/>th store is in the canary ring (odd, so canaries alternate regions too), every
/// <see cref="MenuScreenEvery"/>th has a
/// menu-board screen controller, and every <see cref="NoKitchenEvery"/>th has no kitchen. The same index
/// always gets the same labels, so a demo or a test can be rerun and reasoned about.
/// </summary>
public sealed record LabelSpread(int CanaryEvery = 5, int MenuScreenEvery = 3, int NoKitchenEvery = 7)
{
    public static readonly LabelSpread Default = new();

    public static string IdFor(int index) => $"store-{index:D4}";

    public IReadOnlyList<StoreSpec> Stores(int count, int firstIndex = 1) =>
        Enumerable.Range(firstIndex, count).Select(i => new StoreSpec(IdFor(i), LabelsFor(i))).ToList();

    public IReadOnlyDictionary<string, string> LabelsFor(int index)
    {
        var labels = new Dictionary<string, string>
        {
            ["region"] = index % 2 == 0 ? "west" : "east",
            ["ring"] = CanaryEvery > 0 && index % CanaryEvery == 1 ? "canary" : "stable",
            ["hardware"] = MenuScreenEvery > 0 && index % MenuScreenEvery == 0
                ? (index % 2 == 0 ? "menu-screen-v3" : "menu-screen-v2")
                : "nuc-11",
        };
        if (NoKitchenEvery > 0 && index % NoKitchenEvery == 0)
            labels["kitchen"] = "none";
        return labels;
    }
}
