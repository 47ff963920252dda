using FleetOps.Cli.Client;
using FleetOps.Testing.Polling;

namespace FleetOps.Scenarios.Tests.ScaleOut;

/// <summary>The ScaleOut scenarios' one wait for a fleet to have converged, as a given silo shows it.</summary>
public static class Convergence
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The silo has processed <paramref name="head"/>; every store holds each group's target from it (a group whose
    /// rendering did not change keeps an older one) and the silo shows each store Converged at those targets.
    /// </summary>
    public static async Task AllConvergedAsync(HubSilo silo, ScaleOutFleet fleet, string head)
    {
        var last = "nothing read yet";
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                var view = await silo.Client.GetFleetAsync(default);
                if (view.Commit?.Sha != head)
                {
                    last = $"the silo's fleet is at {view.Commit?.Sha}";
                    return false;
                }
                var targets = view.Groups.ToDictionary(g => g.Name, g => g.Target?.Commit.Sha);
                var holding = fleet.Stores.Count(s => s.Agent.LatestDesired?.Groups is { Count: 2 } groups && groups.All(g => g.Revision == targets[g.Name]));
                var page = await silo.Client.GetClustersAsync(ClusterFilter.None, 1, 100, default);
                var lagging = new List<string>();
                foreach (var store in fleet.Stores)
                {
                    var detail = await silo.Client.GetClusterAsync(store.Id, default);
                    if (detail.Phase != Shared.Contracts.Phase.Converged || detail.Groups.Count != 2 || detail.Groups.Any(g => g.AppliedRevision != targets[g.Name]))
                        lagging.Add($"{store.Id} {detail.Phase} gen {detail.Generation} {string.Join(",", detail.Groups.Select(g => $"{g.Name}={g.AppliedRevision?[..7]}"))}");
                }
                last = $"{holding} stores hold it; the silo lists {page.Total}; not there: {string.Join("; ", lagging.Take(5))}";
                return holding == fleet.Stores.Count && page.Total == fleet.Stores.Count && lagging.Count == 0;
            }, () => $"{fleet.Stores.Count} stores Converged at {head[..7]}, as silo {silo.Name} shows them ({last})", Limit);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{string.Join("\n", silo.Log.Split('\n').TakeLast(80))}", e);
        }
    }
}
