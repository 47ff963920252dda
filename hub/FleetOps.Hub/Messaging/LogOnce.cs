using System.Collections.Concurrent;

namespace FleetOps.Hub.Messaging;

/// <summary>
/// Remembers which (client, reason) pairs were already logged so that a misbehaving agent sending the
/// same garbage every second produces one log line, not thousands; counters still count each one.
/// </summary>
internal sealed class LogOnce
{
    // Bounded so that a flood of distinct ids cannot grow it without limit; forgetting only means logging again.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<(string, string), byte> seen = new();

    public bool ShouldLog(string client, string reason)
    {
        if (seen.Count >= Capacity)
            seen.Clear();
        return seen.TryAdd((client, reason), 0);
    }
}
