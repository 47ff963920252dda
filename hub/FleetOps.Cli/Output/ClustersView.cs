using System.Globalization;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops clusters</c>: one row per cluster, then which rows these are and how to get the next page.</summary>
public static class ClustersView
{
    public static void Write(Screen screen, ClusterPage page, bool wide, string? nextPageCommand)
    {
        if (page.Items.Count == 0)
        {
            screen.Line(page.Total == 0
                ? "no clusters match"
                : $"page {page.Page} is past the end: {page.Total} cluster{(page.Total == 1 ? "" : "s")} match, {page.PageSize} per page");
            return;
        }
        var table = wide
            ? Tables.Create("CLUSTER", "PHASE", "PRESENCE", "LAST SEEN", "GEN#", "GROUPS", "LABELS")
            : Tables.Create("CLUSTER", "PHASE", "PRESENCE", "LAST SEEN", "GROUPS");
        foreach (var cluster in page.Items)
        {
            var groups = cluster.Groups.Count == 0 ? "-" : string.Join(",", cluster.Groups);
            if (wide)
                table.AddRow(Tables.Text(cluster.Id), Tables.Rich(Styles.PhaseText(cluster.Phase, cluster.LastPhase)), Tables.Rich(Presence(cluster.Presence, cluster.Stale, cluster.Unconfirmed)),
                    Tables.Text(Ages.Since(cluster.LastSeen, screen.Now)), Tables.Text(cluster.Generation.ToString(CultureInfo.InvariantCulture)),
                    Tables.Text(groups), Tables.Text(Labels(cluster.Labels)));
            else
                table.AddRow(Tables.Text(cluster.Id), Tables.Rich(Styles.PhaseText(cluster.Phase, cluster.LastPhase)), Tables.Rich(Presence(cluster.Presence, cluster.Stale, cluster.Unconfirmed)),
                    Tables.Text(Ages.Since(cluster.LastSeen, screen.Now)), Tables.Text(groups));
        }
        screen.Write(table);

        var first = (page.Page - 1) * page.PageSize + 1;
        var last = first + page.Items.Count - 1;
        if (first == 1 && last == page.Total)
            screen.Line(Styles.Dim($"{page.Total} cluster{(page.Total == 1 ? "" : "s")}"));
        else
            screen.Line(Styles.Dim($"clusters {first}-{last} of {page.Total}") +
                (nextPageCommand is null ? "" : Styles.Dim(" · next page: ") + Markup.Escape(nextPageCommand) + Styles.Dim(" (or --all)")));
    }

    /// <summary>
    /// online / offline / never; "stale" when it claims to be online but the hub has not heard from it for too long;
    /// "unconfirmed" when it was online before the hub started and has not said hello since.
    /// </summary>
    public static string Presence(PresenceState? presence, bool stale, bool unconfirmed = false) => presence switch
    {
        PresenceState.Online when unconfirmed => Styles.Warning("online?, unconfirmed"),
        PresenceState.Online when stale => Styles.Warning("online, stale"),
        PresenceState.Online => "online",
        PresenceState.Offline => Styles.Dim("offline"),
        _ => Styles.Dim("never"),
    };

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "-" : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
