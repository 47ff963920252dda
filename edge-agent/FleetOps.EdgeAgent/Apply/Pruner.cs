using FleetOps.EdgeAgent.State;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// Deletes stale objects: those in the group's inventory but no longer in its manifests. Deletes only
/// objects that still carry this group's label and are not annotated <c>fleetops.io/prune: disabled</c>;
/// workloads go before CRDs and Namespaces, so a namespace is never deleted under its own objects.
/// </summary>
public sealed class Pruner(IResourceManager resources, ILogger<Pruner> logger)
{
    public async Task<PruneResult> PruneAsync(string group, IReadOnlyList<InventoryEntry> stale, CancellationToken cancellationToken)
    {
        var changes = new ChangeSet();
        var survivors = new List<InventoryEntry>();
        var errors = new List<string>();
        foreach (var entry in stale.OrderBy(e => Order(e.Ref)))
        {
            var target = entry.Ref;
            try
            {
                var live = await resources.GetAsync(target, cancellationToken).ConfigureAwait(false);
                if (live is null)
                    continue;
                if (Ownership.GroupOf(live) != group)
                {
                    changes.Add(target, ChangeAction.Skipped, "not owned by this group");
                    continue;
                }
                if (Ownership.PruneDisabled(live))
                {
                    changes.Add(target, ChangeAction.Skipped, $"{Ownership.PruneAnnotation}: disabled");
                    continue;
                }
                if (await resources.DeleteAsync(target, cancellationToken).ConfigureAwait(false))
                    changes.Add(target, ChangeAction.Deleted);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                logger.LogWarning("Prune of {Subject} in {Group} failed: {Error}", target.Subject, group, e.Message);
                errors.Add($"{target.Subject}: {e.Message}");
                survivors.Add(entry);
            }
        }
        return new PruneResult(changes, survivors, errors.Count == 0 ? null : string.Join("; ", errors));
    }

    private static int Order(ObjectRef r) => r.IsNamespace ? 2 : r.IsCrd ? 1 : 0;
}
