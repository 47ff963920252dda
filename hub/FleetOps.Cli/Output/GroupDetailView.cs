using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>fleetops group NAME</c>: the definition, the target, members by phase, and every member that is not
/// converged with the reason its agent gave. Converged members are counted, and listed with <c>-o wide</c>.
/// </summary>
public static class GroupDetailView
{
    /// <summary>Rows a table shows before it summarizes the rest: a rollout to thousands of stores must not scroll a screen away.</summary>
    public const int MaxRows = 50;

    public static void Write(Screen screen, GroupDetail detail, IReadOnlyDictionary<string, ClusterDetail> clusters, bool wide)
    {
        var group = detail.Group;
        if (group.Error is { } error)
            FleetErrorsView.Write(screen, [error], null, [group]);

        var facts = Tables.Facts()
            .Fact("group", Styles.Bold(group.Name))
            .Fact("defined", Markup.Escape($"{GroupsView.Line(group.Line)}, path {group.Path}, selector {GroupsView.SelectorText(group.Selector)}"))
            .Fact("target", Target(group, screen.Now, wide))
            .Fact("members", GroupsView.ByPhase(group.Members));
        if (group.Rollout is { Phase: not RolloutPhase.Idle } rollout)
            facts.Fact("rollout", RolloutCells.Markup(rollout) + Styles.Dim($" (fleetops rollout status {group.Name})"));
        screen.Write(facts);

        var listed = detail.Members
            .Where(m => wide || m.Phase != Phase.Converged)
            .OrderBy(m => MemberOrder.Rank(m.Phase)).ThenBy(m => m.ClusterId, StringComparer.Ordinal)
            .ToList();
        var shown = wide ? listed : listed.Take(MaxRows).ToList();
        if (shown.Count > 0)
        {
            screen.Line();
            screen.Write(Members(shown, clusters, group, screen.Now, wide));
        }
        foreach (var (phase, count) in listed.Skip(shown.Count).GroupBy(m => m.Phase).Select(g => (g.Key, g.Count())))
            screen.Line(Styles.Dim($"{count} more {phase.ToString().ToLowerInvariant()}: ") +
                Markup.Escape($"fleetops clusters --group {group.Name} --phase {phase}"));
        var converged = detail.Members.Count - listed.Count;
        if (converged > 0)
            screen.Line(Styles.Dim($"{converged} converged member{(converged == 1 ? "" : "s")} not listed; -o wide lists every member"));
    }

    private static string Target(GroupView group, DateTimeOffset now, bool wide)
    {
        if (group.Target is not { } t)
            return Styles.Warning("none yet: the group has not rendered at any commit");
        var digest = wide ? $", digest {t.Digest}" : "";
        return Markup.Escape($"{Revisions.Short(t.Commit.Sha)} \"{t.Commit.Subject}\", committed {Ages.Since(t.Commit.Time, now)} ago, " +
            $"target since {Ages.Since(t.Since, now)} ago, {t.Objects} object{(t.Objects == 1 ? "" : "s")}{digest}");
    }

    private static Table Members(IReadOnlyList<GroupMemberView> members, IReadOnlyDictionary<string, ClusterDetail> clusters, GroupView group, DateTimeOffset now, bool wide)
    {
        var table = wide
            ? Tables.Create("CLUSTER", "PHASE", "DESIRED", "APPLIED", "SINCE", "REASON", "MESSAGE")
            : Tables.Create("CLUSTER", "PHASE", "APPLIED", "SINCE", "REASON", "MESSAGE");
        var target = group.Target?.Commit.Sha;
        foreach (var member in members)
        {
            var cluster = clusters.GetValueOrDefault(member.ClusterId);
            var (reason, message) = cluster is null ? MemberNotes.For(member) : MemberNotes.For(member.Phase, cluster, group.Name, now);
            var since = Ages.Since(cluster?.Groups.FirstOrDefault(g => g.Name == group.Name)?.Since, now);
            var applied = member.AppliedRevision is null ? "-"
                : member.AppliedRevision == target ? Revisions.Short(member.AppliedRevision)
                : Styles.Warning(Revisions.Short(member.AppliedRevision));
            if (wide)
                table.AddRow(Tables.Text(member.ClusterId), Tables.Rich(Styles.PhaseText(member.Phase)), Tables.Text(Revisions.Short(member.DesiredRevision)),
                    Tables.Rich(applied), Tables.Text(since), Tables.Text(reason), Tables.Text(message));
            else
                table.AddRow(Tables.Text(member.ClusterId), Tables.Rich(Styles.PhaseText(member.Phase)), Tables.Rich(applied),
                    Tables.Text(since), Tables.Text(reason), Tables.Text(message));
        }
        return table;
    }
}
