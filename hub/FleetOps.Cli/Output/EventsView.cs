using System.Globalization;
using FleetOps.Shared.Api;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops events</c>: one table of events across stores, newest first, with the command for the next page.</summary>
public static class EventsView
{
    public static void Write(Screen screen, EventPage page, bool wide)
    {
        var zone = screen.Zone;
        var filters = string.Join(", ", new[] { page.Kind is null ? null : $"kind {page.Kind}", page.Group is null ? null : $"group {page.Group}" }.OfType<string>());
        var window = $"{Times.Format(page.Since, zone)} to {(page.Until is { } u ? Times.Format(u, zone) : "now")}";
        var count = page.Events.Count;
        var stores = page.Events.Select(e => e.ClusterId).Distinct(StringComparer.Ordinal).Count();
        screen.Line($"{count} event{(count == 1 ? "" : "s")} from {stores} store{(stores == 1 ? "" : "s")}{(filters.Length == 0 ? "" : $" ({Markup.Escape(filters)})")}, {Markup.Escape(window)}" +
            (page.Page > 1 ? $", page {page.Page}" : "") + " " + Styles.Dim($"(newest first; times in {Times.ZoneName(zone)}, when they happened on the store)"));
        if (count == 0)
            return;
        var table = Tables.Create("AT", "CLUSTER", "SEQ#", "KIND", "GROUP", "REVISION", "DETAIL");
        foreach (var e in page.Events)
            table.AddRow(
                Tables.Text(Times.Format(e.At, zone)), Tables.Text(e.ClusterId), Tables.Text(e.Seq.ToString(CultureInfo.InvariantCulture)),
                Tables.Text(e.Kind), Tables.Text(e.Group), Tables.Text(e.Revision is null ? "-" : wide ? e.Revision : Shared.Contracts.Revisions.Short(e.Revision)),
                Tables.Text(e.Detail));
        screen.Write(table);
        if (page.More)
            screen.Line(Styles.Warning($"more events follow; next page: {NextPage(page)}"));
    }

    /// <summary>The same query one page on, with the window pinned so the page does not slide as new events arrive.</summary>
    public static string NextPage(EventPage page) =>
        "fleetops events" +
        (page.Kind is null ? "" : $" --kind {page.Kind}") +
        (page.Group is null ? "" : $" --group {page.Group}") +
        $" --since {page.Since.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ}" +
        (page.Until is { } until ? $" --until {until.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ}" : "") +
        $" --page {page.Page + 1}" +
        (page.PageSize == Commands.EventsCommand.DefaultPageSize ? "" : $" --page-size {page.PageSize}");
}
