using FleetOps.Shared.Api;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops group NAME</c> for a group removed from fleet.yaml: the stores still holding it, and what its removal deletes.</summary>
public static class GroupRemovalDetailView
{
    public static void Write(Screen screen, GroupRemovalView removal)
    {
        var count = removal.Stores.Count;
        var state = count == 0
            ? "removed from fleet.yaml; no store holds its objects any more"
            : $"removed from fleet.yaml; {count} store{(count == 1 ? " still holds" : "s still hold")} its objects";
        var facts = Tables.Facts().Fact(Styles.Bold("group"), Markup.Escape(removal.Group)).Fact(Styles.Bold("state"), Markup.Escape(state));
        if (RemovalTable.DataWarning(removal.Group, count, removal.PersistentVolumeClaims, removal.Namespaces) is { } data)
            facts.Fact(Styles.Warning("warning"), Styles.Warning(data));
        screen.Write(facts);
        if (count == 0)
            return;
        screen.Line();
        RemovalTable.Write(screen, removal.Stores);
        screen.Line(Styles.Dim($"fleetops wait --group {removal.Group} --removed waits until every store has pruned it"));
    }
}
