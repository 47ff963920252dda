using System.Diagnostics.Metrics;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Metrics;

/// <summary>
/// The hub's counters and durations as instruments on the <c>FleetOps.Hub</c> meter; the OpenTelemetry
/// Prometheus exporter serves them on /metrics. Instrument names are the Prometheus family names without
/// the suffixes the exporter adds: <c>_total</c> for counters, <c>_seconds</c> for the unit "s".
/// </summary>
internal sealed class HubMetrics
{
    public const string MeterName = "FleetOps.Hub";

    // From a warm poll that finds nothing new to a cold clone or a large render; the SDK's default buckets are for milliseconds.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    };

    private readonly Counter<long> messagesIn;
    private readonly Counter<long> messagesOut;
    private readonly Counter<long> refusedPayloads;
    private readonly Counter<long> refusedClients;
    private readonly Counter<long> refusedPublishes;
    private readonly Counter<long> refusedSubscriptions;
    private readonly Counter<long> journalGaps;
    private readonly Histogram<double> gitFetch;
    private readonly Histogram<double> render;
    private readonly LastDuration lastGitFetch = new();
    private readonly LastDuration lastRender = new();

    public HubMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        messagesIn = meter.CreateCounter<long>("fleetops_hub_messages_in", description: "MQTT messages received from agents, by kind.");
        messagesOut = meter.CreateCounter<long>("fleetops_hub_messages_out", description: "MQTT messages published to agents, by kind.");
        refusedPayloads = meter.CreateCounter<long>("fleetops_hub_refused_payloads", description: "Payloads dropped because they did not parse or were not allowed, by code.");
        refusedClients = meter.CreateCounter<long>("fleetops_hub_refused_clients", description: "MQTT connections refused by the embedded broker, by reason.");
        refusedPublishes = meter.CreateCounter<long>("fleetops_hub_refused_publishes", description: "Publishes refused by the embedded broker's topic rule.");
        refusedSubscriptions = meter.CreateCounter<long>("fleetops_hub_refused_subscriptions", description: "Subscriptions refused by the embedded broker's topic rule.");
        journalGaps = meter.CreateCounter<long>("fleetops_hub_journal_gaps", description: "Journal batches refused from a gap on: not stored, not acknowledged.");
        gitFetch = meter.CreateHistogram("fleetops_hub_git_fetch", "s", "Time to poll and fetch the fleet-config repository.", advice: SecondsBuckets);
        render = meter.CreateHistogram("fleetops_hub_render", "s", "Time to render every group at a new commit.", advice: SecondsBuckets);
        meter.CreateObservableGauge("fleetops_hub_git_fetch_last", lastGitFetch.Observe, "s", "The most recent git fetch.");
        meter.CreateObservableGauge("fleetops_hub_render_last", lastRender.Observe, "s", "The most recent render.");

        // Series known in advance start at zero, so that a first message or refusal is an increase and not a new series.
        foreach (var kind in (MessageKind[])[MessageKind.Hello, MessageKind.Status, MessageKind.Journal, MessageKind.Presence])
            messagesIn.Add(0, Kind(kind));
        foreach (var kind in (MessageKind[])[MessageKind.Desired, MessageKind.Ack])
            messagesOut.Add(0, Kind(kind));
        refusedPublishes.Add(0);
        refusedSubscriptions.Add(0);
        journalGaps.Add(0);
    }

    public void MessageIn(MessageKind kind) => messagesIn.Add(1, Kind(kind));

    public void MessageOut(MessageKind kind) => messagesOut.Add(1, Kind(kind));

    public void RefusedPayload(string code) => refusedPayloads.Add(1, new KeyValuePair<string, object?>("code", code));

    public void RefusedClient(string reason) => refusedClients.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RefusedPublish() => refusedPublishes.Add(1);

    public void RefusedSubscription() => refusedSubscriptions.Add(1);

    public void JournalGap() => journalGaps.Add(1);

    public void GitFetch(TimeSpan elapsed)
    {
        gitFetch.Record(elapsed.TotalSeconds);
        lastGitFetch.Set(elapsed.TotalSeconds);
    }

    public void Render(TimeSpan elapsed)
    {
        render.Record(elapsed.TotalSeconds);
        lastRender.Set(elapsed.TotalSeconds);
    }

    private static KeyValuePair<string, object?> Kind(MessageKind kind) => new("kind", Topics.Segment(kind));

    /// <summary>The latest duration for a <c>_last_seconds</c> gauge; nothing is reported before the first one.</summary>
    private sealed class LastDuration
    {
        private double seconds = double.NaN;

        public void Set(double value) => Interlocked.Exchange(ref seconds, value);

        public IEnumerable<Measurement<double>> Observe() =>
            Volatile.Read(ref seconds) is var s && !double.IsNaN(s) ? [new Measurement<double>(s)] : [];
    }
}
