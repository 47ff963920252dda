using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// The latest status of every group, held in memory for the status message. Raises
/// <see cref="Changed"/> only when something a reader cares about changed, so status is published on change.
/// </summary>
public sealed class StatusBoard
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, GroupStatus> groups = new(StringComparer.Ordinal);

    public StatusBoard(IAgentStore store)
    {
        foreach (var record in store.LoadGroups())
        {
            if (record.Status is { } s)
                groups[record.Name] = s;
        }
    }

    public event Action? Changed;

    public GroupStatus? Get(string group)
    {
        lock (gate)
            return groups.GetValueOrDefault(group);
    }

    /// <summary>Stores the status; true (and <see cref="Changed"/> raised) when it differs from the last one.</summary>
    public bool Update(GroupStatus status)
    {
        lock (gate)
        {
            if (groups.TryGetValue(status.Name, out var old) && Same(old, status))
                return false;
            groups[status.Name] = status;
        }
        Changed?.Invoke();
        return true;
    }

    public void Remove(string group)
    {
        bool removed;
        lock (gate)
            removed = groups.Remove(group);
        if (removed)
            Changed?.Invoke();
    }

    public IReadOnlyList<GroupStatus> Snapshot()
    {
        lock (gate)
            return groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Equal for reporting: same phase, reason, message, revisions, counts and unhealthy list.</summary>
    public static bool Same(GroupStatus a, GroupStatus b) =>
        a.Name == b.Name && a.Phase == b.Phase && a.Reason == b.Reason && a.Message == b.Message
        && a.DesiredRevision == b.DesiredRevision && a.AppliedRevision == b.AppliedRevision
        && a.Resources == b.Resources && a.Unhealthy.SequenceEqual(b.Unhealthy);
}
