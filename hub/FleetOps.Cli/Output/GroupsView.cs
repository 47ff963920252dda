using System.Globalization;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FleetOps.Cli.Output;

/// <summary><c>fleetops groups</c>: each group of fleet.yaml with where it comes from, what it targets and how far its members are.</summary>
public static class GroupsView
{
    public static void Write(Screen screen, IReadOnlyList<GroupView> groups, bool wide)
    {
        if (groups.Count == 0)
        {
            screen.Line(Styles.Warning("no groups: fleet.yaml defines none yet, or the hub has not accepted a commit (see fleetops status)"));
            return;
        }
        var rollouts = RolloutCells.Shown(groups);
        string[] rolloutHeader = rollouts ? [RolloutCells.Header] : [];
        var table = wide
            ? Tables.Create(["GROUP", "LINE", "PATH", "SELECTOR", "TARGET", "AGE", "OBJECTS#", "DIGEST", "CONVERGED", .. rolloutHeader])
            : Tables.Create(["GROUP", "PATH", "SELECTOR", "TARGET", "AGE", "CONVERGED", .. rolloutHeader]);
        foreach (var group in groups)
        {
            var target = StatusView.Target(group, wide ? int.MaxValue : 30);
            var age = Ages.Since(group.Target?.Since, screen.Now);
            var converged = Converged(group.Members);
            IRenderable[] rollout = rollouts ? [Tables.Rich(RolloutCells.Markup(group.Rollout))] : [];
            if (wide)
                table.AddRow([Tables.Text(group.Name), Tables.Text(Line(group.Line)), Tables.Text(group.Path), Tables.Text(SelectorText(group.Selector)),
                    Tables.Rich(target), Tables.Text(age), Tables.Text(group.Target?.Objects.ToString(CultureInfo.InvariantCulture)),
                    Tables.Text(group.Target?.Digest), Tables.Rich(converged), .. rollout]);
            else
                table.AddRow([Tables.Text(group.Name), Tables.Text(group.Path), Tables.Text(SelectorText(group.Selector)),
                    Tables.Rich(target), Tables.Text(age), Tables.Rich(converged), .. rollout]);
        }
        screen.Write(table);
        if (groups.Any(g => g.Error is not null))
            screen.Line($"{Styles.Error("!")} the group's latest render failed; fleetops group NAME says why");
    }

    /// <summary>An empty selector selects every cluster; say so rather than print nothing.</summary>
    public static string SelectorText(string? selector) => string.IsNullOrWhiteSpace(selector) ? "(every cluster)" : selector;

    public static string Line(int? line) => line is { } l ? $"fleet.yaml:{l}" : "-";

    /// <summary><c>8/10</c>, green when every member converged.</summary>
    public static string Converged(PhaseCounts members) =>
        members.Total > 0 && members.Converged == members.Total
            ? $"[green]{members.Converged}/{members.Total}[/]"
            : Markup.Escape($"{members.Converged}/{members.Total}");

    /// <summary><c>8 converged, 1 degraded, 1 offline</c>: only the phases that have members.</summary>
    public static string ByPhase(PhaseCounts members)
    {
        if (members.Total == 0)
            return "none: no registered cluster matches the selector";
        var parts = new (int Count, Phase Phase)[]
        {
            (members.Converged, Phase.Converged), (members.Pending, Phase.Pending), (members.Progressing, Phase.Progressing),
            (members.Degraded, Phase.Degraded), (members.Failed, Phase.Failed), (members.Offline, Phase.Offline), (members.Unknown, Phase.Unknown),
        };
        return $"{members.Total}: " + string.Join(", ", parts.Where(p => p.Count > 0)
            .Select(p => $"[{Styles.PhaseColor(p.Phase)}]{p.Count} {p.Phase.ToString().ToLowerInvariant()}[/]"));
    }
}
