using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Source;
using FleetOps.Shared.Api;
using FleetOps.Shared.Rendering;
using Microsoft.Extensions.Options;

namespace FleetOps.Hub.Api;

/// <summary>
/// Assembles the fleet and group views from the fleet grain (definitions, targets, errors), the group
/// grains (member counts) and the directory shards (cluster counts): a handful of grain calls, never
/// one per cluster.
/// </summary>
internal sealed class FleetReader(IGrainFactory grains, IOptions<SourceOptions> source, SourceActivity activity, RendererDetection renderer)
{
    public async Task<FleetView> ReadFleetAsync()
    {
        var status = await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync();
        var groups = await Task.WhenAll(status.Groups.Select(ToViewAsync));
        var counts = await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.CountAsync()));
        var leaving = await RemovalEndpoints.LeavingAsync(grains, null);
        var o = source.Value;
        return new FleetView(
            new SourceView(o.EffectiveAgentUrl, o.Branch, activity.LastFetchAt, activity.LastFetchSeconds, activity.LastRenderSeconds,
                renderer.Current?.Describe()),
            status.Commit, status.Errors, groups, Sum(counts), HeadRefusals.Head(status), RemovalEndpoints.Summaries(leaving, status));
    }

    public async Task<IReadOnlyList<GroupView>> ReadGroupsAsync()
    {
        var status = await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetStatusAsync();
        return await Task.WhenAll(status.Groups.Select(ToViewAsync));
    }

    public async Task<PhaseCounts> CountClustersAsync() =>
        Sum(await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.CountAsync())));

    public async Task<GroupView> ToViewAsync(GroupSpec spec)
    {
        var group = grains.GetGrain<IGroupGrain>(spec.Name);
        return new(spec.Name, spec.Path, spec.Selector, spec.Line, spec.Target, spec.Error, await group.GetCountsAsync(),
            spec.Rollout is null ? null : await group.GetSummaryAsync());
    }

    public static PhaseCounts Sum(IEnumerable<PhaseCounts> counts) => counts.Aggregate(PhaseCounts.Zero, (a, b) => new PhaseCounts(
        a.Converged + b.Converged, a.Pending + b.Pending, a.Progressing + b.Progressing, a.Degraded + b.Degraded,
        a.Failed + b.Failed, a.Offline + b.Offline, a.Unknown + b.Unknown, a.Unconfirmed + b.Unconfirmed));
}
