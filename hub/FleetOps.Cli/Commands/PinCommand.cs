using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops pin CLUSTER --group G [--revision SHA]</c>: holds one cluster's group at a revision (one of the
/// group's recent targets, or what it is told now) outside the rollout's waves and budget, until <c>unpin</c>.
/// </summary>
public sealed class PinCommand : Command
{
    public PinCommand(CliRuntime runtime)
        : base("pin", "Hold one cluster's group at a revision, outside the rollout's waves and budget, until unpin")
    {
        var id = new Argument<string>("CLUSTER") { Description = "Cluster id, for example store-0042" };
        var group = GroupOption("The group to hold");
        var revision = OptionParsers.Sha("--revision", "One of the group's recent targets, full or abbreviated [default: what the cluster is told to run now]");
        Arguments.Add(id);
        Options.Add(group);
        Options.Add(revision);
        this.Runs(runtime, async (context, ct) =>
        {
            var (clusterId, groupName) = (context.Value(id), context.Value(group));
            PinRequest pinned;
            try
            {
                pinned = await context.Hub.PinAsync(clusterId, new PinRequest(groupName, context.Value(revision)?.ToLowerInvariant(), context.Env.Actor), ct);
            }
            catch (HubProblemException e)
            {
                throw Refused(e, groupName);
            }
            if (context.Json)
                context.WriteJson(pinned, JsonOutput.Api.PinRequest);
            else
                PinView.Pinned(context.Screen, clusterId, pinned);
            return ExitCodes.Ok;
        });
    }

    public static Option<string> GroupOption(string description) =>
        new("--group", "-g") { Description = description, HelpName = "GROUP", Required = true };

    /// <summary>The hub's answer with what to do: which name to check, where the group's revisions are listed.</summary>
    public static CliException Refused(HubProblemException e, string group) => e.Problem.Status switch
    {
        404 when e.Problem.Title == "Group not found" => GroupCommand.UnknownGroup(e),
        404 => ClusterCommand.UnknownCluster(e),
        400 => CliException.Error(e.Problem.Text,
            $"fleetops history --group {group} lists the revisions the group rolled out (its Started events); give one of them, or more of its digits"),
        409 => CliException.Error(e.Problem.Text, $"give --revision SHA; fleetops history --group {group} lists the group's recent targets"),
        _ => e,
    };
}
