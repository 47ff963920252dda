using FleetOps.Shared.Api;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// In <c>fleetops status</c>, under the errors: each group removed from fleet.yaml that stores still hold, and, before the
/// stores have pruned it and while they do, a warning when that deletes PersistentVolumeClaims or Namespaces (their data).
/// </summary>
public static class RemovalsView
{
    public static void Write(Screen screen, IReadOnlyList<GroupRemovalSummary>? removals)
    {
        if (removals is null || removals.Count == 0)
            return;
        foreach (var r in removals)
        {
            var failed = r.Failed == 0 ? "" : $", {r.Failed} could not prune them";
            var head = $"group '{r.Group}' was removed from fleet.yaml; {r.Stores} store{(r.Stores == 1 ? " still holds" : "s still hold")} its objects{failed}";
            var lines = new List<string> { Markup.Escape(head) };
            if (RemovalTable.DataWarning(r.Group, r.Stores, r.PersistentVolumeClaims, r.Namespaces) is { } data)
                lines.Add(Styles.Warning(data));
            lines.Add(Styles.Dim($"fleetops group {r.Group} shows where each store stands; fleetops wait --group {r.Group} --removed waits for them"));
            var label = r.PersistentVolumeClaims + r.Namespaces > 0 || r.Failed > 0 ? Styles.Warning("warning:") : Styles.Dim("removing:");
            var grid = Tables.Facts();
            grid.Fact(label, lines[0]);
            foreach (var line in lines.Skip(1))
                grid.Fact("", line);
            screen.Write(grid);
        }
        screen.Line();
    }
}
