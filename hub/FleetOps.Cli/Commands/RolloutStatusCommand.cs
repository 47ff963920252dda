using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops rollout status GROUP</c>: phase, revisions, each wave, budget, next step, failing members, latest events.</summary>
public sealed class RolloutStatusCommand : Command
{
    public RolloutStatusCommand(CliRuntime runtime)
        : base("status", "Show a group's rollout: phase, new and stable revision, each wave, budget, next step, failing members, latest events")
    {
        var group = new Argument<string>("GROUP") { Description = "Group name from fleet.yaml" };
        Arguments.Add(group);
        this.Runs(runtime, async (context, ct) =>
        {
            var rollout = await GetAsync(context.Hub, context.Value(group), ct);
            if (context.Json)
            {
                context.WriteJson(rollout, JsonOutput.Api.RolloutView);
                return ExitCodes.Ok;
            }
            // The failing members' first unhealthy objects say more than their agents' one-line messages.
            var failing = await ClusterDetails.FetchAsync(context.Hub, rollout.Failing.Select(m => m.ClusterId), ct);
            RolloutStatusView.Write(context.Screen, rollout, context.Wide, failing);
            return ExitCodes.Ok;
        });
    }

    public static async Task<RolloutView> GetAsync(HubClient hub, string group, CancellationToken ct)
    {
        try
        {
            return await hub.GetRolloutAsync(group, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            throw GroupCommand.UnknownGroup(e);
        }
    }
}
