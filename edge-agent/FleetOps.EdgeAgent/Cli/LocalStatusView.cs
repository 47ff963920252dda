using FleetOps.EdgeAgent.Local;

namespace FleetOps.EdgeAgent.Cli;

/// <summary><c>fleetops-agent status</c> as text: a head of facts, one row per group (its message below when it is not converged), the last events.</summary>
internal static class LocalStatusView
{
    public static void Write(TextWriter output, LocalStatus status, DateTimeOffset now)
    {
        var answered = status.Source == "agent" ? "answered by the running agent" : "read from the data dir (no agent is running)";
        output.WriteLine($"{status.ClusterId ?? "(cluster id not known yet)"} · desired generation {status.Generation} · {answered}");
        output.WriteLine(status.LastContact is { } contact
            ? $"last contact with the hub: {TextTable.Time(contact)} ({TextTable.Ago(contact, now)})"
            : "last contact with the hub: never");
        if (status.Link is { } link)
            output.WriteLine($"link to the hub: {link}");
        output.WriteLine(status.Unsent == 0
            ? $"journal: every event sent to the hub (last seq {status.LastSeq})"
            : $"journal: {status.Unsent} events not yet sent to the hub (last seq {status.LastSeq}, the hub has up to {status.AckedSeq})");
        output.WriteLine();
        if (status.Groups.Count == 0)
        {
            output.WriteLine("no groups: the hub has not sent a desired state this store holds, or it names no group");
        }
        else
        {
            TextTable.Write(output, ["GROUP", "PHASE", "REASON", "DESIRED", "APPLIED", "SINCE"], status.Groups.Select(g => (IReadOnlyList<string>)
                [g.Name, g.Phase?.ToString() ?? "Pending", g.Reason ?? "-", TextTable.Short(g.DesiredRevision), TextTable.Short(g.AppliedRevision), TextTable.Time(g.Since)]));
            foreach (var g in status.Groups.Where(g => g.Phase is not Shared.Contracts.Phase.Converged && g.Message is not null))
                output.WriteLine($"  {g.Name}: {g.Message}");
        }
        output.WriteLine();
        output.WriteLine("last events (fleetops-agent history shows more):");
        LocalHistoryView.WriteEvents(output, status.LastEvents, status.AckedSeq);
    }
}
