using System.Collections.Concurrent;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Metrics;

/// <summary>
/// The hub's counters and durations, kept in process and written out by <see cref="PrometheusWriter"/>.
/// Plain interlocked counters: the set is small and fixed, and scraping must not depend on a metrics SDK.
/// </summary>
internal sealed class HubMetrics
{
    private readonly ConcurrentDictionary<(string Name, string Label), Counter> counters = new();
    private readonly ConcurrentDictionary<string, Duration> durations = new();

    public void MessageIn(MessageKind kind) => Count("messages_in", Topics.Segment(kind));

    public void MessageOut(MessageKind kind) => Count("messages_out", Topics.Segment(kind));

    public void RefusedPayload(string code) => Count("refused_payloads", code);

    public void RefusedClient(string reason) => Count("refused_clients", reason);

    public void RefusedPublish() => Count("refused_publishes", "");

    public void RefusedSubscription() => Count("refused_subscriptions", "");

    public void JournalGap() => Count("journal_gaps", "");

    public void GitFetch(TimeSpan elapsed) => Observe("git_fetch", elapsed);

    public void Render(TimeSpan elapsed) => Observe("render", elapsed);

    public long Get(string name, string label = "") => counters.TryGetValue((name, label), out var c) ? c.Value : 0;

    internal IEnumerable<(string Name, string Label, long Value)> Counters =>
        counters.Select(entry => (entry.Key.Name, entry.Key.Label, entry.Value.Value));

    internal IEnumerable<(string Name, long Count, double SumSeconds, double LastSeconds)> Durations =>
        durations.Select(entry => (entry.Key, entry.Value.Count, entry.Value.SumSeconds, entry.Value.LastSeconds));

    private void Count(string name, string label) => Interlocked.Increment(ref counters.GetOrAdd((name, label), _ => new Counter()).Value);

    private void Observe(string name, TimeSpan elapsed) => durations.GetOrAdd(name, _ => new Duration()).Add(elapsed.TotalSeconds);

    private sealed class Counter
    {
        public long Value;
    }

    private sealed class Duration
    {
        private readonly Lock gate = new();

        public long Count { get; private set; }
        public double SumSeconds { get; private set; }
        public double LastSeconds { get; private set; }

        public void Add(double seconds)
        {
            lock (gate)
            {
                Count++;
                SumSeconds += seconds;
                LastSeconds = seconds;
            }
        }
    }
}
