using FleetOps.KubeEmulator.Errors;

namespace FleetOps.KubeEmulator.Storage;

/// <summary>
/// Recent change history (a small ring, so a watch can resume from a list's resourceVersion) and the open
/// watches of one cluster. Callers hold the cluster lock.
/// </summary>
internal sealed class WatchHub(int capacity)
{
    private readonly Queue<WatchEvent> history = new();
    private readonly List<Watcher> watchers = [];

    /// <summary>Every event newer than this is still in the history.</summary>
    private long floor;

    public void Publish(WatchEvent e)
    {
        history.Enqueue(e);
        if (history.Count > capacity)
            floor = history.Dequeue().ResourceVersion;

        foreach (var watcher in watchers)
            watcher.Offer(e);
    }

    /// <summary>Registers a watcher and queues the events it missed since <paramref name="since"/>.</summary>
    public void Subscribe(Watcher watcher, long? since)
    {
        if (since is { } rv)
        {
            if (rv < floor)
                throw ApiErrors.Gone($"too old resource version: {rv} ({floor + 1})");

            foreach (var e in history.Where(e => e.ResourceVersion > rv))
                watcher.Offer(e);
        }

        watchers.Add(watcher);
    }

    public void Unsubscribe(Watcher watcher)
    {
        watchers.Remove(watcher);
        watcher.Complete();
    }

    public void CloseAll()
    {
        foreach (var watcher in watchers)
            watcher.Complete();

        watchers.Clear();
    }
}
