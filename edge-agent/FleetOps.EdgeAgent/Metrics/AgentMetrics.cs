using System.Diagnostics.Metrics;
using FleetOps.EdgeAgent.Link;
using FleetOps.EdgeAgent.State;
using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Metrics;

/// <summary>
/// The agent's instruments on the <c>FleetOps.Agent</c> meter, named as the hub's are (the Prometheus exporter adds
/// <c>_total</c> and <c>_seconds</c>). Always there and nearly free: with no listener (metrics off, the default)
/// recording a measurement is one check; <see cref="MetricsEndpoint"/> serves them when a port is set.
/// </summary>
public sealed class AgentMetrics
{
    public const string MeterName = "FleetOps.Agent";

    // A no-op drift check of a few objects takes milliseconds; a first apply with a health wait, minutes.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    private readonly Counter<long> runs;
    private readonly Histogram<double> duration;
    private readonly Counter<long> driftCorrections;

    public AgentMetrics(IMeterFactory meterFactory, IAgentStore store, IHubLink link)
    {
        var meter = meterFactory.Create(MeterName);
        runs = meter.CreateCounter<long>("fleetops_agent_reconcile_runs", description: "Reconcile runs, by group and the phase they ended in.");
        duration = meter.CreateHistogram("fleetops_agent_reconcile_duration", "s", "Time of one reconcile run, by group.", advice: SecondsBuckets);
        driftCorrections = meter.CreateCounter<long>("fleetops_agent_drift_corrections", description: "Objects written back because they had drifted from their revision, by group.");
        meter.CreateObservableGauge("fleetops_agent_journal_backlog", () => store.PendingCount, description: "Journal events the hub has not acknowledged yet.");
        meter.CreateObservableGauge("fleetops_agent_link_connected", () => link.IsConnected ? 1 : 0, description: "1 while the MQTT link to the hub is up, else 0.");
    }

    public void Run(string group, Phase phase, TimeSpan elapsed)
    {
        var groupTag = new KeyValuePair<string, object?>("group", group);
        runs.Add(1, groupTag, new KeyValuePair<string, object?>("phase", phase.ToString()));
        duration.Record(elapsed.TotalSeconds, groupTag);
    }

    public void DriftCorrected(string group, int objects) =>
        driftCorrections.Add(objects, new KeyValuePair<string, object?>("group", group));
}
