namespace FleetOps.Simulator.Demo;

/// <summary>
/// The shell lines the demo's banner prints to roll out a new POS version for the east region, run in the working copy.
/// They read the tag when they run, not when the banner was printed: pasted again, or after a rerun of the demo, they
/// bump from the tag the working copy holds then (a fixed sed did nothing the second time).
/// </summary>
public static class DemoBump
{
    /// <summary>The overlay whose image tag the lines bump, relative to the working copy.</summary>
    public const string Kustomization = "apps/pos/overlays/east/kustomization.yaml";

    public static IReadOnlyList<string> Commands() =>
    [
        $"tag=$(sed -n 's/^ *newTag: \"\\([0-9.]*\\)\"$/\\1/p' {Kustomization}) && next=${{tag%.*}}.$((${{tag##*.}} + 1))",
        $"sed -i \"s/newTag: \\\"$tag\\\"/newTag: \\\"$next\\\"/\" {Kustomization}",
        "git commit -am \"POS $next for the east region\"",
    ];
}
