using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops cluster ID</c>: one cluster's labels, groups, revisions, health, presence and latest journal; with
/// <c>--objects</c>, what each group owns on the store (kind, namespace, name, health) from its agent's inventory.
/// </summary>
public sealed class ClusterCommand : Command
{
    public ClusterCommand(CliRuntime runtime)
        : base("cluster", "Show one cluster: labels, presence, per group desired and applied revision, health, last 20 events")
    {
        var id = new Argument<string>("ID") { Description = "Cluster id, for example store-0042" };
        var objects = new Option<bool>("--objects") { Description = "What each group owns on the store (kind, namespace, name, health), as its agent last reported" };
        var group = new Option<string?>("--group", "-g") { Description = "With --objects: only this group's", HelpName = "GROUP" };
        Arguments.Add(id);
        Options.Add(objects);
        Options.Add(group);
        this.Runs(runtime, async (context, ct) =>
        {
            if (context.Value(group) is not null && !context.Value(objects))
                throw CliException.Usage("--group goes with --objects", $"fleetops cluster {context.Value(id)} --objects --group {context.Value(group)}");
            if (context.Value(objects))
                return await ObjectsAsync(context, context.Value(id), context.Value(group), ct);
            var cluster = await GetAsync(context.Hub, context.Value(id), ct);
            if (context.Json)
                context.WriteJson(cluster, JsonOutput.Api.ClusterDetail);
            else
                ClusterDetailView.Write(context.Screen, cluster, context.Wide);
            return ExitCodes.Ok;
        });
    }

    private static async Task<int> ObjectsAsync(CommandContext context, string id, string? group, CancellationToken ct)
    {
        ClusterObjects objects;
        try
        {
            objects = await context.Hub.GetClusterObjectsAsync(id, group, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            throw UnknownCluster(e);
        }
        if (context.Json)
            context.WriteJson(objects, JsonOutput.Api.ClusterObjects);
        else
            ClusterObjectsView.Write(context.Screen, objects, group);
        return ExitCodes.Ok;
    }

    public static async Task<ClusterDetail> GetAsync(HubClient hub, string id, CancellationToken ct)
    {
        try
        {
            return await hub.GetClusterAsync(id, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            throw UnknownCluster(e);
        }
    }

    /// <summary>The hub's "no registered cluster 'x' (did you mean ...?)" plus where to look up the right id.</summary>
    public static CliException UnknownCluster(HubProblemException e) =>
        CliException.Error(e.Problem.Text, "fleetops clusters lists registered clusters (-l region=east narrows it)");
}
