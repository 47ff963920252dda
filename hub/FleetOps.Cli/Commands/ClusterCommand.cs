using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops cluster ID</c>: one cluster's labels, groups, revisions, health, presence and latest journal.</summary>
public sealed class ClusterCommand : Command
{
    public ClusterCommand(CliRuntime runtime)
        : base("cluster", "Show one cluster: labels, presence, per group desired and applied revision, health, last 20 events")
    {
        var id = new Argument<string>("ID") { Description = "Cluster id, for example store-0042" };
        Arguments.Add(id);
        this.Runs(runtime, async (context, ct) =>
        {
            var cluster = await GetAsync(context.Hub, context.Value(id), ct);
            if (context.Json)
                context.WriteJson(cluster, JsonOutput.Api.ClusterDetail);
            else
                ClusterDetailView.Write(context.Screen, cluster, context.Wide);
            return ExitCodes.Ok;
        });
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
