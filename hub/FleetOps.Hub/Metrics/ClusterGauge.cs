using System.Diagnostics.Metrics;
using FleetOps.Hub.Api;
using FleetOps.Shared.Api;

namespace FleetOps.Hub.Metrics;

/// <summary>
/// <c>fleetops_hub_clusters{phase}</c>: registered clusters by hub phase, counted from the directory shards.
/// An observable gauge's callback is synchronous and cannot await grains, so the scrape calls
/// <see cref="RefreshAsync"/> just before the exporter collects and the callback reports that count:
/// each scrape sees the directory as it is, for the same few shard calls as before, and no timer keeps
/// grains busy between scrapes. Another reader added to the pipeline later would see the last scrape's count.
/// </summary>
internal sealed class ClusterGauge
{
    private readonly FleetReader reader;
    private PhaseCounts? latest;

    public ClusterGauge(IMeterFactory meterFactory, FleetReader reader)
    {
        this.reader = reader;
        meterFactory.Create(HubMetrics.MeterName).CreateObservableGauge("fleetops_hub_clusters", Observe, description: "Registered clusters by hub phase.");
    }

    public async Task RefreshAsync() => latest = await reader.CountClustersAsync();

    private IEnumerable<Measurement<int>> Observe()
    {
        if (latest is not { } c)
            return [];
        return
        [
            Phase("Converged", c.Converged), Phase("Pending", c.Pending), Phase("Progressing", c.Progressing),
            Phase("Degraded", c.Degraded), Phase("Failed", c.Failed), Phase("Offline", c.Offline), Phase("Unknown", c.Unknown),
        ];
    }

    private static Measurement<int> Phase(string phase, int count) => new(count, new KeyValuePair<string, object?>("phase", phase));
}
