using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Contracts;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops group NAME</c>: one group's definition, target, members by phase, and why the others are not converged.</summary>
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
            var detail = await GetAsync(context.Hub, groupName, ct);
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
