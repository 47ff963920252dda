using System.Text.RegularExpressions;
using FleetOps.KubeEmulator;
using FleetOps.Simulator.Source;
using FleetOps.Simulator.Stores;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>
/// The east POS group as the scenarios change it: its overlay files at a version, optionally with the POS
/// API never becoming ready, and where a store's cluster shows which version it runs.
/// </summary>
public static partial class PosEast
{
    public const string Group = "pos-east";
    public const string Kustomization = "apps/pos/overlays/east/kustomization.yaml";
    public const string ApiPatch = "apps/pos/overlays/east/api-patch.yaml";

    /// <summary>The annotation key, as a marker of content that carries it.</summary>
    public const string NeverReadyMarker = EmulatorAnnotations.NeverReady;

    public static string Image(string tag) => $"registry.example.com/pos/api:{tag}";

    /// <summary>The overlay's kustomization with the POS API image at <paramref name="tag"/>.</summary>
    public static (string Path, string Content) Tag(string tag)
    {
        var bundled = Bundled(Kustomization);
        Assert.Matches(NewTag(), bundled);
        return (Kustomization, NewTag().Replace(bundled, $"newTag: \"{tag}\""));
    }

    /// <summary>
    /// The overlay's API patch as bundled, or with the never-ready annotation set to <paramref name="neverReady"/>:
    /// <c>"true"</c> for every store, or a cluster variable such as <c>${cluster.labels.KEY:=false}</c> for some.
    /// </summary>
    public static (string Path, string Content) Readiness(string? neverReady)
    {
        var bundled = Bundled(ApiPatch);
        if (neverReady is null)
            return (ApiPatch, bundled);
        const string anchor = "  namespace: pos\n";
        Assert.Contains(anchor, bundled);
        return (ApiPatch, bundled.Replace(anchor, $"{anchor}  annotations:\n    {EmulatorAnnotations.NeverReady}: \"{neverReady}\"\n"));
    }

    /// <summary>The POS API image the store's cluster runs now, or null.</summary>
    public static string? ApiImage(SimulatedStore store) =>
        store.Cluster.Get("apps/v1", "Deployment", "pos", "pos-api")?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>();

    private static string Bundled(string path) => File.ReadAllText(Path.Combine(BundledFleetConfig.Locate(), path)).ReplaceLineEndings("\n");

    [GeneratedRegex("newTag: \"[^\"]*\"")]
    private static partial Regex NewTag();
}
