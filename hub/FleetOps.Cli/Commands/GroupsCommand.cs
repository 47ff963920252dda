using System.CommandLine;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops groups</c>: the groups of fleet.yaml, their targets and how many members converged.</summary>
public sealed class GroupsCommand : Command
{
    public GroupsCommand(CliRuntime runtime)
        : base("groups", "List the groups of fleet.yaml with path, selector, target and converged members")
    {
        this.Runs(runtime, async (context, ct) =>
        {
            var groups = await context.Hub.GetGroupsAsync(ct);
            if (context.Json)
                context.WriteJson(groups, JsonOutput.Api.IReadOnlyListGroupView);
            else
                GroupsView.Write(context.Screen, groups, context.Wide);
            return ExitCodes.Ok;
        });
    }
}
