using System.Globalization;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Output;

/// <summary>
/// <c>fleetops cluster ID</c>: who the cluster is, whether the hub can see it, each group's desired and
/// applied revision with the agent's reason, the objects that are not healthy, and its latest journal.
/// </summary>
public static class ClusterDetailView
{
    public static void Write(Screen screen, ClusterDetail cluster, bool wide)
    {
        var now = screen.Now;
        var facts = Tables.Facts()
            .Fact("cluster", Styles.Bold(cluster.Id))
            .Fact("phase", Styles.PhaseText(cluster.Phase, cluster.LastPhase))
            .Fact("presence", Presence(cluster, now, screen.Zone));
        if (Clock(cluster, screen.Zone) is { } clock)
            facts.Fact("clock", clock);
        facts
            .Fact("labels", Markup.Escape(ClustersView.Labels(cluster.Labels)) + Changed(cluster.LabelInfo, now));
        if (cluster.LabelInfo is { } info && AgentLabels(info) is { } agentLabels)
            facts.Fact("agent labels", agentLabels);
        facts
            .Fact("agent", Markup.Escape(cluster.AgentVersion is null ? "-" : $"{cluster.AgentVersion}, Kubernetes {cluster.KubernetesVersion ?? "?"}"));
        // Agents before the renderer was in their hello say nothing of it; an unusable one is why the store cannot render.
        if (cluster.Renderer is { } renderer)
            facts.Fact("renderer", renderer.StartsWith("none:", StringComparison.Ordinal) ? Styles.Warning(renderer) : Markup.Escape(renderer));
        facts.Fact("generation", Generation(cluster))
            .Fact("registered", Markup.Escape($"{Ages.Since(cluster.RegisteredAt, now)} ago"));
        if (wide)
            facts.Fact("journal", Markup.Escape($"the hub holds events up to seq {cluster.AckedSeq}"));
        if (cluster.StateProblem is { } problem)
            facts.Fact("stored", Styles.Warning(problem));
        screen.Write(facts);

        screen.Line();
        if (cluster.Groups.Count == 0)
            screen.Line(Styles.Dim("no groups: no group's selector matches this cluster's labels"));
        else
        {
            screen.Write(Groups(cluster, now, wide));
            foreach (var group in cluster.Groups.Where(g => g.Unhealthy.Count > 0))
                Unhealthy(screen, group);
        }

        screen.Line();
        if (cluster.RecentEvents.Count == 0)
            screen.Line(Styles.Dim("no journal events yet"));
        else
        {
            var events = cluster.RecentEvents.Count == 1 ? "last event" : $"last {cluster.RecentEvents.Count} events";
            screen.Line($"{Styles.Bold(events)} " +
                Styles.Dim($"(times in {Times.ZoneName(screen.Zone)}; older ones: fleetops history {cluster.Id} --since 7d)"));
            screen.Write(HistoryView.Events(cluster.RecentEvents, screen.Zone, wide));
        }
    }

    /// <summary>
    /// What the agent reports beside the registry's labels, when it says something they do not: which of its keys select
    /// groups (allowed by the hub), and what the hub dropped. Null when it reports nothing, or exactly the registry's.
    /// </summary>
    public static string? AgentLabels(ClusterLabels info)
    {
        var same = info.AgentLabels.Count == info.Labels.Count
            && info.AgentLabels.All(l => info.Labels.TryGetValue(l.Key, out var value) && value == l.Value);
        if ((same || info.AgentLabels.Count == 0) && info.AgentLabelsDropped is null)
            return null;
        var text = Markup.Escape(ClustersView.Labels(info.AgentLabels)) + " " + (info.AgentKeysUsed.Count > 0
            ? Styles.Dim($"(selecting by {string.Join(",", info.AgentKeysUsed)}; the rest are facts)")
            : Styles.Dim("(facts: the registry's labels select groups)"));
        return info.AgentLabelsDropped is { } dropped ? $"{text} {Styles.Warning($"dropped {dropped}")}" : text;
    }

    private static string Changed(ClusterLabels? info, DateTimeOffset now) =>
        info?.ChangedBy is { } by && info.ChangedAt is { } at ? " " + Styles.Dim($"(changed by {by} {Ages.Since(at, now)} ago)") : "";

    private static string Presence(ClusterDetail cluster, DateTimeOffset now, TimeZoneInfo zone)
    {
        var seen = $"last seen {Ages.Since(cluster.LastSeen, now)} ago";
        return cluster.Presence.State switch
        {
            PresenceState.Online when cluster.Presence.UnconfirmedUntil is { } until => Styles.Warning(
                $"online before the hub started, unconfirmed: {seen}, no hello since; taken as offline at {Times.Format(until, zone)} " +
                "unless it says hello (the groups below show its last report)"),
            PresenceState.Online when cluster.Stale => Styles.Warning($"online since {Ages.Since(cluster.Presence.Since, now)} ago, but {seen}: stale " +
                "(the agent or its link may be hung)"),
            PresenceState.Online => Markup.Escape($"online since {Ages.Since(cluster.Presence.Since, now)} ago, {seen}"),
            PresenceState.Offline => Styles.Dim($"offline since {Ages.Since(cluster.Presence.Since, now)} ago, {seen}; the groups below show its last report"),
            _ => Styles.Dim("never connected: start its agent with the token from fleetops register"),
        };
    }

    /// <summary>
    /// A store whose clock is more than a minute off the hub's, from its latest status (made and sent at once, so the
    /// difference is the clock, not the network): its journal times are its own, and its store hours run on that clock.
    /// </summary>
    private static string? Clock(ClusterDetail cluster, TimeZoneInfo zone)
    {
        if (cluster.StatusAt is not { } stamped || cluster.StatusReceivedAt is not { } received || (received - stamped).Duration() <= TimeSpan.FromMinutes(1))
            return null;
        var off = Ages.Format((received - stamped).Duration());
        var way = stamped < received ? "behind" : "ahead of";
        return Styles.Warning($"the store's clock is about {off} {way} the hub's (its latest status was stamped {Times.Format(stamped, zone)}, " +
            $"received {Times.Format(received, zone)}); journal times are the store's, the hub's receive times are shown beside them");
    }

    private static string Generation(ClusterDetail cluster) =>
        cluster.AgentGeneration is not { } held ? Markup.Escape($"hub {cluster.Generation}, agent has not said")
        : held == cluster.Generation ? Markup.Escape($"{cluster.Generation} (the agent held the latest when it connected)")
        : Markup.Escape($"hub {cluster.Generation}, agent held {held} when it connected");

    private static Table Groups(ClusterDetail cluster, DateTimeOffset now, bool wide)
    {
        var table = wide
            ? Tables.Create("GROUP", "PHASE", "PATH", "DESIRED", "APPLIED", "SINCE", "OBJECTS", "REASON", "MESSAGE")
            : Tables.Create("GROUP", "PHASE", "DESIRED", "APPLIED", "SINCE", "REASON", "MESSAGE");
        foreach (var group in cluster.Groups)
        {
            var desired = wide ? group.DesiredRevision ?? "-" : Revisions.Short(group.DesiredRevision);
            var applied = group.AppliedRevision is null ? "-" : wide ? group.AppliedRevision : Revisions.Short(group.AppliedRevision);
            var appliedMarkup = group.AppliedRevision is not null && group.AppliedRevision != group.DesiredRevision ? Styles.Warning(applied) : Markup.Escape(applied);
            var message = string.IsNullOrWhiteSpace(group.Message) ? "-" : group.Message.Trim();
            if (group.DesiredRevision is null)
                message = "no longer a member; the agent is removing what it applied" + (message == "-" ? "" : $" ({message})");
            else if (group.Phase == Phase.Pending && group.AppliedRevision != group.DesiredRevision)
                message = $"has not taken {Revisions.Short(group.DesiredRevision)} yet; its last report was about {Revisions.Short(group.AppliedRevision)}";
            var objects = group.Resources is { } r ? $"{r.Healthy}/{r.Total}" : "-";
            if (wide)
                table.AddRow(Tables.Text(group.Name), Tables.Rich(Styles.PhaseText(group.Phase, group.LastPhase)), Tables.Text(group.Path), Tables.Text(desired),
                    Tables.Rich(appliedMarkup), Tables.Text(Ages.Since(group.Since, now)), Tables.Text(objects), Tables.Text(group.Reason), Tables.Text(message));
            else
                table.AddRow(Tables.Text(group.Name), Tables.Rich(Styles.PhaseText(group.Phase, group.LastPhase)), Tables.Text(desired),
                    Tables.Rich(appliedMarkup), Tables.Text(Ages.Since(group.Since, now)), Tables.Text(group.Reason), Tables.Text(message));
        }
        return table;
    }

    private static void Unhealthy(Screen screen, ClusterGroupView group)
    {
        var total = group.Resources is { } r ? string.Create(CultureInfo.InvariantCulture, $" ({r.Total - r.Healthy} of {r.Total} objects)") : "";
        var listed = group.Unhealthy.Count >= GroupStatus.MaxUnhealthyListed ? $", the first {group.Unhealthy.Count} listed" : "";
        screen.Line();
        screen.Line(Styles.Warning($"not healthy in {group.Name}{total}{listed}:"));
        var table = Tables.Create("  OBJECT", "MESSAGE");
        foreach (var item in group.Unhealthy)
            table.AddRow(Tables.Text("  " + item.Subject), Tables.Text(item.Message));
        screen.Write(table);
    }
}
