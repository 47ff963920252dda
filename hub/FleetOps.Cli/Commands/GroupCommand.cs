using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops group NAME</c>: one group's definition, target, members by phase, and why the others are not converged; for a
/// group removed from fleet.yaml, the stores that still hold it and the data its removal deletes there.
/// </summary>
public sealed class GroupCommand : Command
{
    public GroupCommand(CliRuntime runtime)
        : base("group", "Show one group: definition, target, members by phase, and the reasons of those not converged")
    {
        var name = new Argument<string>("NAME") { Description = "Group name from fleet.yaml" };
        Arguments.Add(name);
        this.Runs(runtime, async (context, ct) =>
        {
            var groupName = context.Value(name);
            FleetOps.Shared.Api.GroupDetail detail;
            try
            {
                detail = await context.Hub.GetGroupAsync(groupName, ct);
            }
            catch (HubProblemException e) when (e.Problem.Status == 404)
            {
                return await RemovedAsync(context, groupName, e, ct);
            }
            if (context.Json)
            {
                context.WriteJson(detail, JsonOutput.Api.GroupDetail);
                return ExitCodes.Ok;
            }
            var worst = detail.Members.Where(m => context.Wide || m.Phase != Phase.Converged)
                .OrderBy(m => MemberOrder.Rank(m.Phase)).ThenBy(m => m.ClusterId, StringComparer.Ordinal)
                .Select(m => m.ClusterId);
            var clusters = await ClusterDetails.FetchAsync(context.Hub, worst, ct);
            GroupDetailView.Write(context.Screen, detail, clusters, context.Wide);
            return ExitCodes.Ok;
        });
    }

    // Not in fleet.yaml: a group removed from it is shown with the stores that still hold it; any other name is unknown.
    private static async Task<int> RemovedAsync(CommandContext context, string name, HubProblemException unknown, CancellationToken ct)
    {
        FleetOps.Shared.Api.GroupRemovalView removal;
        try
        {
            removal = await context.Hub.GetGroupRemovalAsync(name, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            throw UnknownGroup(unknown);
        }
        if (context.Json)
            context.WriteJson(removal, JsonOutput.Api.GroupRemovalView);
        else
            GroupRemovalDetailView.Write(context.Screen, removal);
        return ExitCodes.Ok;
    }

    public static async Task<FleetOps.Shared.Api.GroupDetail> GetAsync(HubClient hub, string name, CancellationToken ct)
    {
        try
        {
            return await hub.GetGroupAsync(name, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            throw UnknownGroup(e);
        }
    }

    /// <summary>The hub's "there is no group 'x' in fleet.yaml (did you mean ...?)" plus where to look up the right name.</summary>
    public static CliException UnknownGroup(HubProblemException e) =>
        CliException.Error(e.Problem.Text, "fleetops groups lists the groups of fleet.yaml");
}
