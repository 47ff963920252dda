using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops cluster ID --objects</c>: a row per object each group owns on the store, as its agent last reported it.</summary>
public static class ClusterObjectsView
{
    public static void Write(Screen screen, ClusterObjects objects, string? group)
    {
        var total = objects.Groups.Sum(g => g.Total);
        var scope = group is null ? $"{objects.Groups.Count} group{(objects.Groups.Count == 1 ? "" : "s")}" : $"group {group}";
        screen.Line($"{Markup.Escape(objects.ClusterId)}: {total} object{(total == 1 ? "" : "s")} in {Markup.Escape(scope)} " +
            Styles.Dim("(as its agent last reported them)"));
        if (objects.Groups.Count == 0)
        {
            screen.Line(Styles.Dim(group is null
                ? "its agent has reported no inventory yet (an agent older than the inventory, or it has not connected since it started)"
                : $"its agent has reported no inventory for {group}"));
            return;
        }
        var table = Tables.Create("GROUP", "KIND", "NAMESPACE", "NAME", "HEALTH");
        foreach (var g in objects.Groups)
        {
            var name = g.Leaving ? $"{g.Group} (leaving)" : g.Group;
            foreach (var o in g.Objects)
                table.AddRow(Tables.Text(name), Tables.Text(o.Kind), Tables.Text(o.Namespace ?? "-"), Tables.Text(o.Name), Health(o.Health));
            if (g.More.Count > 0)
                table.AddRow(Tables.Text(name), Tables.Text(""), Tables.Text(""),
                    Tables.Text($"and {g.More.Sum(k => k.Count)} more: {string.Join(", ", g.More.Select(k => $"{k.Count} {k.Kind}"))}"), Tables.Text(""));
        }
        screen.Write(table);
    }

    private static Spectre.Console.Rendering.IRenderable Health(ObjectHealthState health) => Tables.Rich(health switch
    {
        ObjectHealthState.Healthy => "Healthy",
        ObjectHealthState.Failed => Styles.Error("Failed"),
        ObjectHealthState.InProgress => Styles.Warning("InProgress"),
        _ => Styles.Dim("Unknown"),
    });
}
