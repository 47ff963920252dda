using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// A group's rollout audit as a table: when, what, which revision and wave, who asked (operator actions) and
/// the hub's detail. Shared by <c>fleetops rollout status</c> (the latest events) and <c>fleetops history --group</c>.
/// On a narrow terminal the detail keeps its room and says who acted; the revision and wave are in <c>-o wide</c>.
/// </summary>
public static class RolloutEventsView
{
    /// <summary>Below this many columns for DETAIL, the table drops REVISION, WAVE and ACTOR and says who acted in DETAIL.</summary>
    private const int MinDetailWidth = 30;

    public static Table Events(IReadOnlyList<RolloutEventView> events, RolloutView? current, TimeZoneInfo zone, int width, bool wide)
    {
        string Revision(RolloutEventView e) => e.Revision is null ? "-" : wide ? e.Revision : Revisions.Short(e.Revision);
        int Widest(Func<RolloutEventView, string> cell, string header) => Math.Max(header.Length, events.Count == 0 ? 0 : events.Max(e => cell(e).Length));
        var fixedWidth = 19 + Widest(e => e.Kind, "KIND") + Widest(Revision, "REVISION") + Widest(e => Wave(e, current), "WAVE")
            + Widest(e => e.Actor ?? "-", "ACTOR") + 5 * 2;
        if (!wide && width - fixedWidth < MinDetailWidth)
        {
            var narrow = Tables.Create("AT", "KIND", "DETAIL");
            foreach (var e in events)
                narrow.AddRow(Tables.Text(Times.Format(e.At, zone)), Tables.Rich(Kind(e.Kind)),
                    Tables.Text(e.Actor is null ? e.Detail : $"{e.Detail ?? e.Kind} (by {e.Actor})"));
            return narrow;
        }
        var table = Tables.Create("AT", "KIND", "REVISION", "WAVE", "ACTOR", "DETAIL");
        foreach (var e in events)
            table.AddRow(Tables.Text(Times.Format(e.At, zone)), Tables.Rich(Kind(e.Kind)), Tables.Text(Revision(e)),
                Tables.Text(Wave(e, current)), Tables.Text(e.Actor), Tables.Text(e.Detail));
        return table;
    }

    /// <summary>
    /// The wave's name as the hub recorded it; from a hub that did not, the current rollout's name for it (its
    /// own events) or, for an older rollout, its number: #1 is the first wave (the canary, when it had one).
    /// </summary>
    public static string Wave(RolloutEventView e, RolloutView? current) =>
        e.Wave is not { } index ? "-"
        : e.WaveName is { } name ? name
        : current?.Revision is { } revision && e.Revision == revision && index >= 0 && index < current.Waves.Count ? current.Waves[index].Name
        : $"#{index + 1}";

    private static string Kind(string kind) => kind switch
    {
        RolloutEventKinds.Halted or RolloutEventKinds.Aborted => Styles.Error(kind),
        RolloutEventKinds.Paused or RolloutEventKinds.WaitingForApproval or RolloutEventKinds.Superseded => Styles.Warning(kind),
        RolloutEventKinds.Completed => $"[green]{kind}[/]",
        _ => Markup.Escape(kind),
    };
}
