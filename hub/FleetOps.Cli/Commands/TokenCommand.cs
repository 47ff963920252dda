using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops token ID</c>: issues a registered cluster a new agent token, for a lost or leaked one. The hub
/// keeps only the new hash and ends the session of the old token at once (embedded broker), so the old one
/// stops working now, not at the agent's next connect.
/// </summary>
public sealed class TokenCommand : Command
{
    public TokenCommand(CliRuntime runtime)
        : base("token", "Issue a registered cluster a new agent token (the old one stops working at once)")
    {
        var id = new Argument<string>("ID") { Description = "Cluster id, for example store-0042" };
        Arguments.Add(id);
        this.Runs(runtime, async (context, ct) =>
        {
            Shared.Api.RegisterClusterResponse issued;
            try
            {
                issued = await context.Hub.ReplaceTokenAsync(context.Value(id), ct);
            }
            catch (HubProblemException e) when (e.Problem.Status == 404)
            {
                throw ClusterCommand.UnknownCluster(e);
            }
            if (context.Json)
                context.WriteJson(issued, JsonOutput.Api.RegisterClusterResponse);
            else
                RegisterView.Write(context.Screen, issued, context.Hub.Connection.BaseAddress, replaced: true);
            return ExitCodes.Ok;
        });
    }
}
