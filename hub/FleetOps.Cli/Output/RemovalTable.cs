using System.Globalization;
using FleetOps.Shared.Api;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>The stores that still hold a group they left: where each one's prune stands, and the data it deletes there.</summary>
public static class RemovalTable
{
    public static void Write(Screen screen, IReadOnlyList<RemovalMember> stores)
    {
        var table = Tables.Create("CLUSTER", "STATE", "PRESENCE", "OBJECTS", "PVCS", "NAMESPACES", "MESSAGE");
        foreach (var s in stores.Take(GroupDetailView.MaxRows))
            table.AddRow(Tables.Text(s.ClusterId), Tables.Rich(State(s.State)), Tables.Text(s.Presence?.ToString().ToLowerInvariant()),
                Tables.Text(s.Objects.ToString(CultureInfo.InvariantCulture)), Tables.Text(s.PersistentVolumeClaims.ToString(CultureInfo.InvariantCulture)),
                Tables.Text(s.Namespaces.ToString(CultureInfo.InvariantCulture)), Tables.Text(s.Message));
        screen.Write(table);
        if (stores.Count > GroupDetailView.MaxRows)
            screen.Line(Styles.Dim($"{stores.Count - GroupDetailView.MaxRows} more; -o json lists them all"));
    }

    /// <summary>The warning <c>status</c> and the group view print while stores still hold a removed group's data.</summary>
    public static string? DataWarning(string group, int stores, int persistentVolumeClaims, int namespaces)
    {
        if (persistentVolumeClaims == 0 && namespaces == 0)
            return null;
        var what = string.Join(" and ", new[]
        {
            persistentVolumeClaims == 0 ? null : $"{persistentVolumeClaims} PersistentVolumeClaim{(persistentVolumeClaims == 1 ? "" : "s")}",
            namespaces == 0 ? null : $"{namespaces} Namespace{(namespaces == 1 ? "" : "s")}",
        }.OfType<string>());
        return $"removing group '{group}' deletes {what} on {stores} store{(stores == 1 ? "" : "s")}, and the data in them";
    }

    private static string State(RemovalState state) => state switch
    {
        RemovalState.PruneFailed => Styles.Error("PruneFailed"),
        RemovalState.Pruning => Styles.Warning("Pruning"),
        _ => Styles.Dim("Waiting"),
    };
}
