using FleetOps.EdgeAgent.Local;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Cli;

/// <summary><c>fleetops-agent history</c> as text: one line per event, oldest first; events the hub does not have yet are marked.</summary>
internal static class LocalHistoryView
{
    public static void Write(TextWriter output, LocalHistory history, string? group)
    {
        if (history.Events.Count == 0)
        {
            output.WriteLine(group is null ? "no events kept in this data dir yet" : $"no events of group '{group}' kept in this data dir");
            return;
        }
        WriteEvents(output, history.Events, history.AckedSeq);
    }

    public static void WriteEvents(TextWriter output, IReadOnlyList<JournalEvent> events, long ackedSeq)
    {
        if (events.Count == 0)
        {
            output.WriteLine("  none");
            return;
        }
        TextTable.Write(output, ["SEQ", "AT", "KIND", "GROUP", "REVISION", "DETAIL"], events.Select(e => (IReadOnlyList<string>)
            [e.Seq > ackedSeq ? $"{e.Seq}*" : e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), TextTable.Time(e.At), e.Kind, e.Group ?? "-", TextTable.Short(e.Revision), OneLine(e.Detail)]));
        if (events.Any(e => e.Seq > ackedSeq))
            output.WriteLine("* not yet sent to the hub");
    }

    // A detail may hold a multi-line tool error; one event stays one line.
    private static string OneLine(string? detail) => detail is null ? "" : string.Join(" ⏎ ", detail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
