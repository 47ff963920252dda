using FleetOps.Cli.Client;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary>
/// Reads a few clusters' details for the reasons the group and wait views show: the member lists carry the
/// agents' reasons and messages, but not when an offline cluster was last seen, since when a group has been
/// where it is, or which objects are unhealthy, so the worst members are looked up one by one, up to a bound.
/// </summary>
public static class ClusterDetails
{
    public const int Limit = 25;

    private const int MaxParallel = 8;

    public static async Task<IReadOnlyDictionary<string, ClusterDetail>> FetchAsync(HubClient hub, IEnumerable<string> ids, CancellationToken ct)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, ClusterDetail>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ids.Take(Limit), new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = ct },
            async (id, token) =>
            {
                try
                {
                    found[id] = await hub.GetClusterAsync(id, token);
                }
                catch (HubProblemException e) when (e.Problem.Status == 404)
                {
                    // Unregistered between the two reads; the list still shows it, without a reason.
                }
            });
        return found;
    }
}
