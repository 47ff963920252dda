using System.Globalization;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>fleetops history ID</c>: the store's journal in a window, including what it did while offline, and
/// per group the revisions it ran in that window, so "what was store-0042 running on Tuesday?" has an answer.
/// </summary>
public static class HistoryView
{
    /// <summary>Kinds that show which revision a group was running at that moment.</summary>
    private static readonly HashSet<string> RunningKinds = new(StringComparer.Ordinal)
    {
        JournalEventKinds.Applied, JournalEventKinds.Converged, JournalEventKinds.Degraded, JournalEventKinds.DriftCorrected,
    };

    public static void Write(Screen screen, HistoryPage page, bool wide)
    {
        var zone = screen.Zone;
        var window = $"{(page.Since is { } s ? Times.Format(s, zone) : "the start")} to {(page.Until is { } u ? Times.Format(u, zone) : "now")}";
        var count = page.Events.Count;
        var received = page.Events.Any(Differs) ? "; RECEIVED: when the hub got it, if over a minute off" : "";
        screen.Line($"{Styles.Bold(page.ClusterId)}: {count} event{(count == 1 ? "" : "s")} from {Markup.Escape(window)}{(page.After is { } a ? $" after #{a}" : "")} " +
            Styles.Dim($"(times in {Times.ZoneName(zone)}, when they happened on the store{received})"));
        if (count == 0)
            return;
        screen.Write(Events(page.Events, zone, wide));
        if (page.Truncated)
            screen.Line(Styles.Warning($"more events follow; continue with: {NextPage(page)}"));

        var revisions = RevisionRuns(page.Events, zone);
        if (revisions.Count > 0)
        {
            screen.Line();
            screen.Line(Styles.Bold("revisions applied in this window"));
            var table = Tables.Create("GROUP", "REVISIONS (first seen)");
            foreach (var (group, text) in revisions)
                table.AddRow(Tables.Text(group), Tables.Text(text));
            screen.Write(table);
        }
    }

    /// <summary>The command for the next page: by seq, never by time (a store's clock may have stepped back), in the same window.</summary>
    public static string NextPage(HistoryPage page) =>
        $"fleetops history {page.ClusterId} --after {page.Events[^1].Seq.ToString(CultureInfo.InvariantCulture)}" +
        (page.Since is { } since ? $" --since {since.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ}" : "") +
        (page.Until is { } until ? $" --until {until.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ}" : "");

    /// <summary>
    /// The journal as a table, by the store's times. Where the hub got an event more than a minute off the store's
    /// time (it waited while the store was offline, or the store's clock is wrong), a RECEIVED column says when.
    /// </summary>
    public static Table Events(IReadOnlyList<EventView> events, TimeZoneInfo zone, bool wide)
    {
        var received = events.Any(Differs);
        var table = received
            ? Tables.Create("AT", "SEQ#", "KIND", "GROUP", "REVISION", "RECEIVED", "DETAIL")
            : Tables.Create("AT", "SEQ#", "KIND", "GROUP", "REVISION", "DETAIL");
        foreach (var e in events)
        {
            var revision = e.Revision is null ? "-" : wide ? e.Revision : Revisions.Short(e.Revision);
            var cells = new List<Spectre.Console.Rendering.IRenderable>
            {
                Tables.Text(Times.Format(e.At, zone)), Tables.Text(e.Seq.ToString(CultureInfo.InvariantCulture)), Tables.Rich(Kind(e.Kind)),
                Tables.Text(e.Group), Tables.Text(revision),
            };
            if (received)
                cells.Add(Differs(e) ? Tables.Text(Times.Format(e.ReceivedAt!.Value, zone)) : Tables.Rich(""));
            cells.Add(Tables.Text(e.Detail));
            table.AddRow(cells);
        }
        return table;
    }

    /// <summary>The hub's receive time is worth showing: more than a minute from the store's own.</summary>
    public static bool Differs(EventView e) => e.ReceivedAt is { } received && (received - e.At).Duration() > TimeSpan.FromMinutes(1);

    private static string Kind(string kind) => kind switch
    {
        JournalEventKinds.Failed or JournalEventKinds.RenderFailed or JournalEventKinds.SourceUnavailable or JournalEventKinds.DesiredRejected => Styles.Error(kind),
        JournalEventKinds.Degraded or JournalEventKinds.DriftCorrected or JournalEventKinds.Compacted => Styles.Warning(kind),
        JournalEventKinds.Disconnected => Styles.Dim(kind),
        JournalEventKinds.Converged => $"[green]{kind}[/]",
        _ => Markup.Escape(kind),
    };

    /// <summary>Per group, each revision it ran in order, with the time it was first seen running.</summary>
    private static List<(string Group, string Text)> RevisionRuns(IReadOnlyList<EventView> events, TimeZoneInfo zone) =>
        events
            .Where(e => e.Group is not null && e.Revision is not null && RunningKinds.Contains(e.Kind))
            .GroupBy(e => e.Group!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var runs = new List<string>();
                string? previous = null;
                foreach (var e in g.OrderBy(e => e.Seq))
                {
                    if (e.Revision == previous)
                        continue;
                    previous = e.Revision;
                    runs.Add($"{Revisions.Short(e.Revision)} ({Times.Format(e.At, zone)})");
                }
                return (g.Key, string.Join(" → ", runs));
            })
            .ToList();
}
