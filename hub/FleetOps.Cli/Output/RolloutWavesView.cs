using System.Globalization;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// A rollout's waves, a row each: how many members the wave releases (PLANNED), how many it has released, and
/// where those stand: converged, still applying, failed (Failed or Degraded at the new revision), offline, or
/// waiting for their window. STATE says which waves are done and what the current one is doing. On a terminal
/// too narrow for the full headers they shorten (PLAN, REL, CONV, ...), as in <c>fleetops status</c>.
/// </summary>
public static class RolloutWavesView
{
    private static readonly string[] FullHeaders = ["WAVE", "PLANNED#", "RELEASED#", "CONVERGED#", "APPLYING#", "FAILED#", "OFFLINE#", "OUTSIDE WINDOW#", "STATE"];
    private static readonly string[] NarrowHeaders = ["WAVE", "PLAN#", "REL#", "CONV#", "APPL#", "FAIL#", "OFFL#", "OUTSIDE#", "STATE"];

    public static Table Waves(RolloutView rollout, int width, bool wide)
    {
        var rows = rollout.Waves.Select(w => Row(rollout, w)).ToList();
        var headers = wide || Width(FullHeaders, rows) <= width ? FullHeaders : NarrowHeaders;
        var table = Tables.Create(headers);
        foreach (var (wave, row) in rollout.Waves.Zip(rows))
        {
            var state = row[^1];
            table.AddRow(
                Tables.Text(row[0]), Tables.Text(row[1]), Tables.Text(row[2]),
                Tables.Rich(Count(wave.Converged, "green")), Tables.Rich(Count(wave.Applying, Styles.PhaseColor(Phase.Progressing))),
                Tables.Rich(Count(wave.Failed, "red")), Tables.Rich(Count(wave.Offline, "grey")), Tables.Rich(Count(wave.OutsideWindow, "yellow")),
                Tables.Rich(state == "-" ? "-" : wave.Index == rollout.Wave ? Styles.RolloutText(rollout.Phase, state) : Markup.Escape(state)));
        }
        return table;
    }

    /// <summary>done for the waves behind, what the current one is doing, "-" for those ahead.</summary>
    public static string State(RolloutView rollout, RolloutWaveView wave)
    {
        if (rollout.Phase == RolloutPhase.Completed || wave.Index < rollout.Wave)
            return "done";
        if (wave.Index > rollout.Wave)
            return "-";
        return rollout.Phase switch
        {
            RolloutPhase.Progressing when rollout.Next?.At is not null => "baking",
            RolloutPhase.Progressing when wave.Released < wave.Planned => "releasing",
            RolloutPhase.Progressing => "converging",
            RolloutPhase.WaitingForApproval => "awaiting approval",
            _ => rollout.Phase.ToString().ToLowerInvariant(),
        };
    }

    private static string[] Row(RolloutView rollout, RolloutWaveView w) =>
    [
        w.Name, Number(w.Planned), Number(w.Released), Number(w.Converged), Number(w.Applying), Number(w.Failed),
        Number(w.Offline), Number(w.OutsideWindow), State(rollout, w),
    ];

    private static int Width(string[] headers, List<string[]> rows) =>
        headers.Select((h, i) => Math.Max(h.TrimEnd('#').Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).Sum() + 2 * (headers.Length - 1);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Count(int count, string color) => count == 0 ? "0" : $"[{color}]{Number(count)}[/]";
}
