using FleetOps.Cli.Parsing;
using FleetOps.Cli.Waiting;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>The outcome of <c>fleetops wait</c>: one line saying whether it was reached, then the clusters that held it back.</summary>
public static class WaitView
{
    public static void Write(Screen screen, WaitReport report, int? shownDetails)
    {
        screen.Line(Headline(report));
        if (report.Note is not null)
            screen.Line(Styles.Dim(report.Note));
        if (report.State == WaitState.Met || report.HeldBackBy.Count == 0)
            return;

        screen.Line();
        screen.Line(Styles.Bold(report.State == WaitState.Stopped ? $"failing at {Revisions.Short(report.Revision)}" : "held back by"));
        var table = Tables.Create("CLUSTER", "PHASE", "APPLIED", "REASON", "MESSAGE");
        var shown = report.HeldBackBy.Take(shownDetails ?? GroupDetailView.MaxRows).ToList();
        foreach (var holdout in shown)
            table.AddRow(Tables.Text(holdout.ClusterId), Tables.Rich(Styles.PhaseText(holdout.Phase)), Tables.Text(Revisions.Short(holdout.AppliedRevision)),
                Tables.Text(holdout.Reason), Tables.Text(holdout.Message));
        screen.Write(table);
        // The worst come first, so the rows left out are the least alarming; -o json lists them all.
        foreach (var (phase, count) in report.HeldBackBy.Skip(shown.Count).GroupBy(h => h.Phase).Select(g => (g.Key, g.Count())))
            screen.Line(Styles.Dim($"{count} more {phase.ToString().ToLowerInvariant()}: ") +
                Markup.Escape($"fleetops clusters --group {report.Group} --phase {phase}"));
    }

    /// <summary>Also the progress line written to stderr while waiting.</summary>
    public static string Progress(WaitReport report)
    {
        var need = $", need {report.Required} ({Percentage.Format(report.MinConvergedPercent)})";
        if (report.Rollout is { } rollout && report.Revision is not null && rollout.Revision == report.Revision)
        {
            var where = rollout.Phase == RolloutPhase.Completed || rollout.WaveName is null
                ? "" : $", {rollout.WaveName} ({rollout.Wave + 1} of {rollout.Waves}), {rollout.Released}/{rollout.Members} released";
            return $"{report.Group}: rollout of {Revisions.Short(report.Revision)} {rollout.Phase}{where}, {report.Converged}/{report.Members} converged" +
                (report.Required > 0 ? need : "");
        }
        var at = report.Revision is null ? "" : $" at {Revisions.Short(report.Revision)}";
        return $"{report.Group}: {report.Converged}/{report.Members} converged{at}{need}";
    }

    private static string Headline(WaitReport report)
    {
        var elapsed = Ages.Format(TimeSpan.FromSeconds(report.ElapsedSeconds));
        var subject = report.Subject is null ? "" : $" \"{Styles.Truncate(report.Subject, 60)}\"";
        return report.State switch
        {
            WaitState.Met => $"[green]reached[/] {Markup.Escape(Progress(report) + subject)}, after {elapsed}",
            WaitState.Impossible => $"{Styles.Error("cannot be reached")} {Markup.Escape(Progress(report))}",
            WaitState.Stopped => $"{Styles.Error("stopped")} {Markup.Escape(Progress(report))}",
            _ => $"{Styles.Error("not reached")} {Markup.Escape(Progress(report) + subject)}, gave up after {elapsed}",
        };
    }
}
