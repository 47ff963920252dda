using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// The latest status of every group, and what each owns (its inventory), held in memory for the status message. Raises
/// <see cref="Changed"/> only when something a reader cares about changed, so status is published on change.
/// While the data dir cannot be written, <see cref="Snapshot"/> says so on every group (<see cref="StorageFaultStatus"/>).
/// </summary>
public sealed class StatusBoard
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, GroupStatus> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupInventory> inventories = new(StringComparer.Ordinal);
    private readonly IStorageHealth? storage;

    public StatusBoard(IAgentStore store, IStorageHealth? storage = null)
    {
        foreach (var record in store.LoadGroups())
        {
            if (record.Status is { } s)
            {
                groups[record.Name] = s;
                // Health is not stored: Unknown until the group's first run after the start judges it.
                inventories[record.Name] = GroupInventories.Of(record.Name, record.Inventory, null, null);
            }
        }
        this.storage = storage;
        if (storage is not null)
            storage.Changed += () => Changed?.Invoke();
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
            removed = groups.Remove(group) | inventories.Remove(group);
        if (removed)
            Changed?.Invoke();
    }

    public GroupInventory? GetInventory(string group)
    {
        lock (gate)
            return inventories.GetValueOrDefault(group);
    }

    /// <summary>Stores what a group owns; <see cref="Changed"/> is raised only when it differs from the last one.</summary>
    public bool UpdateInventory(GroupInventory inventory)
    {
        lock (gate)
        {
            if (inventories.TryGetValue(inventory.Group, out var old) && old.Equals(inventory))
                return false;
            inventories[inventory.Group] = inventory;
        }
        Changed?.Invoke();
        return true;
    }

    /// <summary>The inventory of every group with a status, by name.</summary>
    public IReadOnlyList<GroupInventory> Inventories()
    {
        lock (gate)
            return inventories.Values.Where(i => groups.ContainsKey(i.Group)).OrderBy(i => i.Group, StringComparer.Ordinal).ToList();
    }

    /// <summary>What the hub is told: every group's status, each marked with the storage fault while there is one.</summary>
    public IReadOnlyList<GroupStatus> Snapshot()
    {
        List<GroupStatus> statuses;
        lock (gate)
            statuses = groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        return storage?.Fault is { } fault ? statuses.Select(s => StorageFaultStatus.Apply(s, fault)).ToList() : statuses;
    }

    /// <summary>Equal for reporting: same phase, reason, message, revisions, counts and unhealthy list.</summary>
    public static bool Same(GroupStatus a, GroupStatus b) =>
        a.Name == b.Name && a.Phase == b.Phase && a.Reason == b.Reason && a.Message == b.Message
        && a.DesiredRevision == b.DesiredRevision && a.AppliedRevision == b.AppliedRevision
        && a.Resources == b.Resources && a.Unhealthy.SequenceEqual(b.Unhealthy);
}
