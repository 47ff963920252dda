using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops unpin CLUSTER --group G</c>: the cluster's group follows the rollout again.</summary>
public sealed class UnpinCommand : Command
{
    public UnpinCommand(CliRuntime runtime)
        : base("unpin", "Let a pinned cluster's group follow the group's rollout again")
    {
        var id = new Argument<string>("CLUSTER") { Description = "Cluster id, for example store-0042" };
        var group = PinCommand.GroupOption("The group to let go");
        Arguments.Add(id);
        Options.Add(group);
        this.Runs(runtime, async (context, ct) =>
        {
            var (clusterId, groupName) = (context.Value(id), context.Value(group));
            try
            {
                await context.Hub.UnpinAsync(clusterId, groupName, context.Env.Actor, ct);
            }
            catch (HubProblemException e)
            {
                throw PinCommand.Refused(e, groupName);
            }
            // The hub answers 204 without a body; -o json shows the pin as it now is: no revision.
            if (context.Json)
                context.WriteJson(new PinRequest(groupName, null, context.Env.Actor), JsonOutput.Api.PinRequest);
            else
                PinView.Unpinned(context.Screen, clusterId, groupName);
            return ExitCodes.Ok;
        });
    }
}
