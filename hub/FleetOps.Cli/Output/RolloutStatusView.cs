using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>fleetops rollout status GROUP</c>: the phase, the new and the stable revision, a row per wave with where
/// its released members stand, the failure budget, what happens next and when, the members failing at the
/// new revision, and the latest audit events. The actions print the same without the last two.
/// </summary>
public static class RolloutStatusView
{
    /// <summary>Audit events a table shows; <c>-o wide</c> shows every one the hub sent (20), <c>fleetops history --group</c> all.</summary>
    public const int TableEvents = 10;

    /// <param name="clusters">Details of the failing members, for their first unhealthy object; without them, their agents' messages.</param>
    /// <param name="brief">Leave out the failing members and the events (what the actions print).</param>
    public static void Write(Screen screen, RolloutView rollout, bool wide, IReadOnlyDictionary<string, ClusterDetail>? clusters = null, bool brief = false)
    {
        screen.Write(Facts(rollout, screen.Now, screen.Zone, wide));
        if (rollout.Phase == RolloutPhase.Idle)
            screen.Line(Styles.Dim("no rollout under way: the group has no rollout block in fleet.yaml, or its target has not moved since it got one"));
        else
        {
            screen.Line();
            screen.Write(RolloutWavesView.Waves(rollout, screen.Width, wide));
        }
        if (brief)
            return;
        Failing(screen, rollout, clusters ?? new Dictionary<string, ClusterDetail>());
        Events(screen, rollout, wide);
    }

    /// <summary>"Progressing, wave 1 (2 of 3)": the wave's name and its place, counting the canary.</summary>
    public static string Where(RolloutView rollout) => rollout.Phase switch
    {
        RolloutPhase.Idle or RolloutPhase.Completed => rollout.Phase.ToString(),
        _ when rollout.Wave >= 0 && rollout.Wave < rollout.Waves.Count =>
            $"{rollout.Phase}, {rollout.Waves[rollout.Wave].Name} ({rollout.Wave + 1} of {rollout.Waves.Count})",
        _ => rollout.Phase.ToString(),
    };

    private static Grid Facts(RolloutView rollout, DateTimeOffset now, TimeZoneInfo zone, bool wide)
    {
        string Sha(string? sha) => wide ? sha ?? "-" : Revisions.Short(sha);
        var facts = Tables.Facts()
            .Fact("group", Styles.Bold(rollout.Group))
            .Fact("phase", Styles.RolloutText(rollout.Phase, Where(rollout)));
        if (rollout.Phase == RolloutPhase.Idle)
        {
            // The hub names a stable revision only for groups with a rollout block; without one, saying "none" would mislead.
            if (rollout.StableRevision is not null)
                facts.Fact("stable", Markup.Escape(Sha(rollout.StableRevision)));
            return facts.Fact("members", Markup.Escape($"{rollout.Members}"));
        }

        var replacing = rollout.StableRevision is null ? "replacing nothing stable yet: this is the group's first rollout"
            : rollout.StableRevision == rollout.Revision ? "now the group's stable revision"
            : $"replacing stable {Sha(rollout.StableRevision)}";
        var released = rollout.Waves.Sum(w => w.Released);
        var pinned = rollout.Pinned == 0 ? "" : $", {rollout.Pinned} more pinned outside the rollout";
        facts.Fact("revision", Markup.Escape($"{Sha(rollout.Revision)}, {replacing}"))
            .Fact("started", Markup.Escape(rollout.StartedAt is { } started ? $"{Ages.Since(started, now)} ago" : "-"))
            .Fact("members", Markup.Escape($"{released} of {rollout.Members} released{pinned}"))
            .Fact("budget", Budget(rollout.Budget));
        if (rollout.WindowsIgnored)
            facts.Fact("windows", Styles.Warning("ignored for this revision (promote --now): members apply it outside their windows"));
        if (rollout.Next is { } next)
            facts.Fact("next", Markup.Escape(next.Description + (next.At is { } at && at > now
                ? $", at {TimeZoneInfo.ConvertTime(at, zone):HH:mm:ss} (in {Ages.Format(at - now)})"
                : "")));
        return facts;
    }

    private static string Budget(RolloutBudget budget)
    {
        var text = $"{budget.Used} failing at the new revision, {budget.Allowed} allowed";
        return budget.Used > budget.Allowed ? Styles.Error(text + ": over budget")
            : budget.Used > 0 ? Styles.Warning(text)
            : Markup.Escape(text);
    }

    private static void Failing(Screen screen, RolloutView rollout, IReadOnlyDictionary<string, ClusterDetail> clusters)
    {
        if (rollout.Failing.Count == 0)
            return;
        var more = rollout.Budget.Used > rollout.Failing.Count ? $", the first {rollout.Failing.Count} listed" : "";
        screen.Line();
        screen.Line(Styles.Warning($"failing at {Revisions.Short(rollout.Revision)}{more}:"));
        var table = Tables.Create("CLUSTER", "PHASE", "APPLIED", "REASON", "MESSAGE");
        foreach (var member in rollout.Failing)
        {
            var (reason, message) = clusters.TryGetValue(member.ClusterId, out var cluster)
                ? MemberNotes.For(member.Phase, cluster, rollout.Group, screen.Now)
                : MemberNotes.For(member);
            table.AddRow(Tables.Text(member.ClusterId), Tables.Rich(Styles.PhaseText(member.Phase)), Tables.Text(Revisions.Short(member.AppliedRevision)),
                Tables.Text(reason), Tables.Text(message));
        }
        screen.Write(table);
        if (more.Length > 0)
            screen.Line(Styles.Dim("the others: ") + Markup.Escape($"fleetops clusters --group {rollout.Group} --phase Failed (and --phase Degraded)"));
    }

    private static void Events(Screen screen, RolloutView rollout, bool wide)
    {
        if (rollout.Events.Count == 0)
            return;
        var shown = wide ? rollout.Events : rollout.Events.TakeLast(TableEvents).ToList();
        screen.Line();
        var heading = shown.Count == 1 ? "last event" : $"last {shown.Count} events";
        screen.Line($"{Styles.Bold(heading)} " +
            Styles.Dim($"(times in {Times.ZoneName(screen.Zone)}; all of them: fleetops history --group {rollout.Group})"));
        screen.Write(RolloutEventsView.Events(shown, rollout, screen.Zone, screen.Width, wide));
    }
}
