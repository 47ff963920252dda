using System.Globalization;
using System.Text.RegularExpressions;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// What a kustomize tool says it is: its own version (<c>kubectl v1.32.4</c>) and the kustomize it builds with.
/// Parsed from <c>kustomize version</c> or <c>kubectl version --client</c>; kubectl before 1.24 does not print
/// its kustomize, so that is taken from the kubectl release (1.14-1.20 embed kustomize v2.0.3).
/// </summary>
public sealed partial record KustomizeVersion(string? Tool, Version? Kustomize)
{
    /// <summary>The fleet's overlays use kustomize v5 fields (<c>labels</c>, <c>patches</c>); v2-v4 refuse or misread them.</summary>
    public const int MinimumMajor = 5;

    public const string Requirement = "FleetOps needs kustomize v5: kubectl 1.27 or newer (pkgs.k8s.io), a kustomize v5 release binary, or the 'k3s kubectl' a store already has";

    /// <summary>True when the kustomize is v5 or newer, or could not be told (a development build): only a known old one is refused.</summary>
    public bool IsSupported => Kustomize is null || Kustomize.Major >= MinimumMajor;

    /// <summary><c>kubectl v1.32.4, kustomize v5.5.0</c>.</summary>
    public override string ToString() =>
        string.Join(", ", new[] { Tool, Kustomize is null ? "kustomize version unknown" : $"kustomize v{Kustomize}" }.Where(p => p is not null));

    /// <param name="isKustomize">The output is <c>kustomize version</c>'s, not kubectl's.</param>
    public static KustomizeVersion Parse(string output, bool isKustomize)
    {
        if (isKustomize)
            return new KustomizeVersion(null, FirstVersion(output));
        var client = ClientVersion().Match(output) is { Success: true } c ? c : GitVersion().Match(output);
        var kubectl = client.Success ? ToVersion(client.Groups["v"].Value) : null;
        var tool = kubectl is null ? null : $"kubectl v{kubectl}";
        if (KustomizeLine().Match(output) is { Success: true } k)
            return new KustomizeVersion(tool, ToVersion(k.Groups["v"].Value));
        return new KustomizeVersion(tool, kubectl is null ? null : EmbeddedIn(kubectl));
    }

    // kubectl releases that do not print the kustomize they embed (kubectl 1.24 and later print it).
    private static Version? EmbeddedIn(Version kubectl) => kubectl.Major != 1 ? null : kubectl.Minor switch
    {
        < 14 => new Version(0, 0, 0),
        <= 20 => new Version(2, 0, 3),
        21 => new Version(4, 0, 5),
        22 => new Version(4, 2, 0),
        23 => new Version(4, 4, 1),
        _ => null,
    };

    private static Version? FirstVersion(string text) => AnyVersion().Match(text) is { Success: true } m ? ToVersion(m.Groups["v"].Value) : null;

    private static Version? ToVersion(string text)
    {
        var parts = text.Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            return null;
        var patch = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        return new Version(major, minor, patch);
    }

    [GeneratedRegex(@"Client Version: v(?<v>\d+\.\d+(\.\d+)?)")]
    private static partial Regex ClientVersion();

    [GeneratedRegex(@"GitVersion:""v(?<v>\d+\.\d+(\.\d+)?)")]
    private static partial Regex GitVersion();

    [GeneratedRegex(@"Kustomize Version: (kustomize/)?v(?<v>\d+\.\d+(\.\d+)?)")]
    private static partial Regex KustomizeLine();

    [GeneratedRegex(@"v(?<v>\d+\.\d+(\.\d+)?)")]
    private static partial Regex AnyVersion();
}
