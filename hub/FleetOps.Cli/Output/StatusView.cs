using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>fleetops status</c>: "is the fleet where git says it should be, and if not, where and why?" in one
/// screen. Errors first, then a row per group, then one line for the whole fleet.
/// In the table, Pending folds into PROGRESSING (both mean "on its way, nothing wrong yet");
/// <c>-o wide</c> shows it apart, with each group's path and selector. On a narrow terminal the count
/// headers shorten (CONV, PROG, ...) and the commit subject gives way, so a row stays one line. When a group
/// has a rollout block, a last ROLLOUT column says where its rollout stands (<see cref="RolloutCells"/>).
/// </summary>
public static class StatusView
{
    private const int SubjectWidth = 36;

    // Everything in a row but the group name and the commit subject, with full and with short headers:
    // "! " + sha + " " (10), AGE (3), the seven count headers, and two spaces between each of the ten columns.
    private const int FullFixed = 10 + 3 + (8 + 9 + 11 + 8 + 6 + 7 + 7) + 9 * 2;
    private const int CompactFixed = 10 + 3 + (5 + 4 * 6) + 9 * 2;

    private static readonly string[] FullHeaders = ["CLUSTERS#", "CONVERGED#", "PROGRESSING#", "DEGRADED#", "FAILED#", "OFFLINE#", "UNKNOWN#"];
    private static readonly string[] CompactHeaders = ["TOTAL#", "CONV#", "PROG#", "DEGR#", "FAIL#", "OFFL#", "UNKN#"];

    public static void Write(Screen screen, FleetView fleet, bool wide)
    {
        FleetErrorsView.Write(screen, fleet.Errors, fleet.Commit, fleet.Groups);
        RemovalsView.Write(screen, fleet.Removals);
        if (wide)
            screen.Line(Source(fleet.Source, screen.Now));

        if (fleet.Groups.Count == 0)
            screen.Line(Styles.Warning("no groups: fleet.yaml defines none yet, or the hub has not accepted a commit"));
        else
            screen.Write(Groups(fleet, screen.Now, wide, screen.Width));
        screen.Line();
        var (counts, commit) = Summary(fleet, screen.Now);
        var oneLine = $"{Styles.Bold("fleet:")} {counts} · {commit}";
        // One line when it fits, as in "fleet: 18/20 converged (90%), 1 degraded · commit 3f2a1c9 ...", else two.
        if (Markup.Remove(oneLine).Length <= screen.Width)
            screen.Line(oneLine);
        else
            screen.Write(Tables.Facts().Fact(Styles.Bold("fleet:"), counts).Fact("", commit));
        // Which kustomize the hub renders with: an old or missing one is why kustomize groups fail to render.
        if (fleet.Source.Renderer is { } renderer)
            screen.Line($"{Styles.Dim("renderer:")} {(renderer.StartsWith("none:", StringComparison.Ordinal) ? Styles.Warning(renderer) : Markup.Escape(renderer))}");
    }

    private static Table Groups(FleetView fleet, DateTimeOffset now, bool wide, int width)
    {
        var nameWidth = fleet.Groups.Max(g => g.Name.Length);
        var rollouts = RolloutCells.Shown(fleet.Groups);
        string[] rolloutHeader = rollouts ? [RolloutCells.Header] : [];
        // Full headers while the subject keeps 16 characters; then short headers; then, if still too wide, short ROLLOUT cells.
        var subject = Math.Min(SubjectWidth, width - nameWidth - FullFixed - RolloutCells.Width(fleet.Groups, narrow: false));
        var headers = FullHeaders;
        var narrow = false;
        if (subject < 16)
        {
            headers = CompactHeaders;
            subject = width - nameWidth - CompactFixed - RolloutCells.Width(fleet.Groups, narrow: false);
            if (subject < 0)
            {
                narrow = true;
                subject = width - nameWidth - CompactFixed - RolloutCells.Width(fleet.Groups, narrow: true);
            }
            subject = Math.Clamp(subject, 0, SubjectWidth);
        }
        var table = wide
            ? Tables.Create(["GROUP", "PATH", "SELECTOR", "TARGET", "AGE", "CLUSTERS#", "CONVERGED#", "PENDING#", "PROGRESSING#", "DEGRADED#", "FAILED#", "OFFLINE#", "UNKNOWN#", .. rolloutHeader])
            : Tables.Create(["GROUP", "TARGET", "AGE", .. headers, .. rolloutHeader]);
        foreach (var group in fleet.Groups)
        {
            var m = group.Members;
            var target = Target(group, wide ? int.MaxValue : subject);
            var age = Ages.Since(group.Target?.Since, now);
            var converged = m.Converged == m.Total && m.Total > 0 ? $"[green]{m.Converged}[/]" : m.Converged.ToString(System.Globalization.CultureInfo.InvariantCulture);
            IRenderable[] rollout = rollouts ? [Tables.Rich(RolloutCells.Markup(group.Rollout, narrow))] : [];
            if (wide)
                table.AddRow([
                    Tables.Text(group.Name), Tables.Text(group.Path), Tables.Text(GroupsView.SelectorText(group.Selector)), Tables.Rich(target), Tables.Text(age),
                    Tables.Text($"{m.Total}"), Tables.Rich(converged), Tables.Rich(Styles.Count(m.Pending, Phase.Pending)),
                    Tables.Rich(Styles.Count(m.Progressing, Phase.Progressing)), Tables.Rich(Styles.Count(m.Degraded, Phase.Degraded)),
                    Tables.Rich(Styles.Count(m.Failed, Phase.Failed)), Tables.Rich(Styles.Count(m.Offline, Phase.Offline)),
                    Tables.Rich(Styles.Count(m.Unknown, Phase.Unknown)), .. rollout]);
            else
                table.AddRow([
                    Tables.Text(group.Name), Tables.Rich(target), Tables.Text(age),
                    Tables.Text($"{m.Total}"), Tables.Rich(converged), Tables.Rich(Styles.Count(m.Pending + m.Progressing, Phase.Progressing)),
                    Tables.Rich(Styles.Count(m.Degraded, Phase.Degraded)), Tables.Rich(Styles.Count(m.Failed, Phase.Failed)),
                    Tables.Rich(Styles.Count(m.Offline, Phase.Offline)), Tables.Rich(Styles.Count(m.Unknown, Phase.Unknown)), .. rollout]);
        }
        return table;
    }

    /// <summary>Short sha and subject; a leading red '!' when the group's latest render failed (its error is listed above).</summary>
    public static string Target(GroupView group, int subjectWidth)
    {
        var mark = group.Error is null ? "" : "[red]![/] ";
        if (group.Target is not { } t)
            return $"{mark}{Styles.Dim("none yet")}";
        var subject = subjectWidth < 4 ? "" : " " + Markup.Escape(Styles.Truncate(t.Commit.Subject, subjectWidth));
        return $"{mark}{Revisions.Short(t.Commit.Sha)}{subject}";
    }

    /// <summary><c>18/20 converged (90%), 1 degraded, 1 offline</c> and <c>commit 3f2a1c9 "Bump POS to 2.15" 4m ago</c>.</summary>
    public static (string Counts, string Commit) Summary(FleetView fleet, DateTimeOffset now)
    {
        var c = fleet.Clusters;
        string counts;
        if (c.Total == 0)
            counts = "no clusters registered (add one with: fleetops register ID -l key=value)";
        else
        {
            // Floor, not round: 199 of 200 is 99%, never a 100% that is not true.
            var percent = c.Converged * 100 / c.Total;
            var parts = new List<string> { $"{c.Converged}/{c.Total} converged ({percent}%)" };
            AddPart(parts, c.Pending + c.Progressing, "progressing", Phase.Progressing);
            AddPart(parts, c.Degraded, "degraded", Phase.Degraded);
            AddPart(parts, c.Failed, "failed", Phase.Failed);
            AddPart(parts, c.Offline, "offline", Phase.Offline);
            AddPart(parts, c.Unknown, "never reported", Phase.Unknown);
            counts = string.Join(", ", parts);
            // Counted above in the phase they last reported, which is not news until they say hello again.
            if (c.Unconfirmed > 0)
                counts += Styles.Warning($" · {c.Unconfirmed} unconfirmed: not heard from since the hub started");
        }
        var commit = fleet.Commit is { } k
            ? $"commit {Revisions.Short(k.Sha)} \"{Markup.Escape(Styles.Truncate(k.Subject, 60))}\" {Ages.Since(k.Time, now)} ago"
            : $"no commit accepted yet from {Markup.Escape(fleet.Source.Url)} ({Markup.Escape(fleet.Source.Branch)})";
        if (Refusal(fleet) is { } refusal)
            commit += " · " + Styles.Error(refusal);
        return (counts, commit);
    }

    /// <summary>
    /// When the newest commit is not what the fleet runs: "newest commit 90cfe34 refused (errors above)", or "did not
    /// render for pos-west (errors above)". Without it, "12/12 converged · commit d3a6896" reads as green for a commit
    /// that reached nobody.
    /// </summary>
    public static string? Refusal(FleetView fleet)
    {
        if (fleet.Head is not { } head)
            return null;
        if (fleet.Errors.Any(e => e.Commit == head && e.Kind is FleetErrorKinds.Definition or FleetErrorKinds.UntrustedCommit))
            return $"newest commit {Revisions.Short(head)} refused (errors above)";
        var unrendered = fleet.Groups.Where(g => g.Error?.Commit == head).Select(g => g.Name).ToList();
        if (unrendered.Count == 0)
            return null;
        var at = fleet.Commit?.Sha == head ? "" : $" newest commit {Revisions.Short(head)}";
        return $"did not render for {string.Join(", ", unrendered)}{at} (errors above)";
    }

    private static void AddPart(List<string> parts, int count, string word, Phase phase)
    {
        if (count > 0)
            parts.Add($"[{Styles.PhaseColor(phase)}]{count} {word}[/]");
    }

    private static string Source(SourceView source, DateTimeOffset now)
    {
        var fetched = source.LastFetchAt is { } at ? $"last fetch {Ages.Since(at, now)} ago" : "not fetched yet";
        return $"source: {Markup.Escape(source.Url)} ({Markup.Escape(source.Branch)}), {fetched}";
    }
}
