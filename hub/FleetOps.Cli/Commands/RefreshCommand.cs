using System.CommandLine;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops refresh</c>: has the hub fetch the fleet-config branch now instead of at its next poll.</summary>
public sealed class RefreshCommand : Command
{
    public RefreshCommand(CliRuntime runtime)
        : base("refresh", "Make the hub fetch the fleet-config repository now and move group targets")
    {
        this.Runs(runtime, async (context, ct) =>
        {
            var result = await context.Hub.RefreshAsync(ct);
            if (context.Json)
                context.WriteJson(result, JsonOutput.Api.RefreshResult);
            else
                RefreshView.Write(context.Screen, result);
            return ExitCodes.Ok;
        });
    }
}
