using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops deregister ID --yes</c>: the store is gone for good (closed, replaced, compromised). Its agent's
/// session ends at once, it leaves its groups and the hub deletes its state and journal; nothing of it can be
/// undone, so the command asks for <c>--yes</c> and says first what it would remove.
/// </summary>
public sealed class DeregisterCommand : Command
{
    public DeregisterCommand(CliRuntime runtime)
        : base("deregister", "Remove a cluster: end its agent's session, take it out of its groups, delete its state and journal on the hub")
    {
        var id = new Argument<string>("ID") { Description = "Cluster id, for example store-0042" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Really deregister (it cannot be undone)" };
        Arguments.Add(id);
        Options.Add(yes);
        this.Runs(runtime, async (context, ct) =>
        {
            var clusterId = context.Value(id);
            if (!context.Value(yes))
                throw CliException.Usage(
                    $"deregistering {clusterId} ends its agent's session, takes it out of its groups and deletes its state and journal on the hub; it cannot be undone",
                    $"keep its journal first if you need it: fleetops history {clusterId} -o json > {clusterId}-history.json",
                    $"then: fleetops deregister {clusterId} --yes");
            try
            {
                await context.Hub.DeregisterAsync(clusterId, context.Env.Actor, ct);
            }
            catch (HubProblemException e) when (e.Problem.Status == 404)
            {
                throw ClusterCommand.UnknownCluster(e);
            }
            DeregisterView.Write(context.Screen, clusterId);
            return ExitCodes.Ok;
        });
    }
}
