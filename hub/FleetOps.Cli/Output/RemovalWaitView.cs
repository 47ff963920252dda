using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>The outcome of <c>fleetops wait --removed</c>: one line, then the stores that still hold the group.</summary>
public static class RemovalWaitView
{
    public static void Write(Screen screen, RemovalWaitReport report)
    {
        var elapsed = Ages.Format(TimeSpan.FromSeconds(report.ElapsedSeconds));
        screen.Line(report.State switch
        {
            WaitState.Met => $"[green]removed[/] {Markup.Escape(report.Group)}: no store holds its objects any more, after {elapsed}",
            WaitState.Stopped => $"{Styles.Error("stopped")} {Markup.Escape(Progress(report))}",
            _ => $"{Styles.Error("not removed")} {Markup.Escape(Progress(report))}, gave up after {elapsed}",
        });
        if (report.Note is not null)
            screen.Line(Styles.Dim(report.Note));
        if (report.Stores.Count == 0)
            return;
        screen.Line();
        RemovalTable.Write(screen, report.Stores);
    }

    /// <summary>Also the progress line written to stderr while waiting.</summary>
    public static string Progress(RemovalWaitReport report)
    {
        if (report.InFleet)
            return $"{report.Group}: still in fleet.yaml";
        var failed = report.Stores.Count(s => s.State == RemovalState.PruneFailed);
        return $"{report.Group}: {report.Stores.Count} store{(report.Stores.Count == 1 ? " still holds" : "s still hold")} its objects" +
            (failed > 0 ? $", {failed} failed to prune them" : "");
    }
}
