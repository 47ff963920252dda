using FleetOps.EdgeAgent.State;

namespace FleetOps.EdgeAgent.Local;

/// <summary>Builds the local reports from a store: the running agent from its own, the command from the file.</summary>
public static class LocalReports
{
    public const int DefaultHistoryLimit = 50;
    public const int MaxHistoryLimit = LiteAgentStore.KeptHistory + 10_000;
    public const int LastEventsShown = 10;

    public static LocalStatus Status(IAgentStore store, string? clusterId, string source)
    {
        var desired = store.LoadDesired();
        var records = store.LoadGroups().ToDictionary(g => g.Name, StringComparer.Ordinal);
        var groups = new List<LocalGroupStatus>();
        foreach (var group in desired?.Groups ?? [])
        {
            var status = records.GetValueOrDefault(group.Name);
            groups.Add(new LocalGroupStatus(group.Name, group.Path, group.Revision, status?.AppliedRevision,
                status?.Status?.Phase, status?.Status?.Reason, status?.Status?.Message, status?.Status?.Since));
        }
        // Groups the hub no longer names are still listed while their objects are being pruned.
        foreach (var record in records.Values.Where(r => desired?.Groups.All(g => g.Name != r.Name) ?? true).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            groups.Add(new LocalGroupStatus(record.Name, record.AppliedPath, null, record.AppliedRevision,
                record.Status?.Phase, record.Status?.Reason, "no longer desired: its objects are being pruned", record.Status?.Since));
        }
        return new LocalStatus(clusterId ?? desired?.ClusterId, source, desired?.Generation ?? 0, store.LastContact, store.PendingCount,
            store.LastSeq, store.AckedSeq, groups, store.ReadRecent(null, LastEventsShown));
    }

    public static LocalHistory History(IAgentStore store, string? group, int limit, string source) =>
        new(source, store.AckedSeq, store.ReadRecent(group, Math.Clamp(limit, 1, MaxHistoryLimit)));
}
