using System.CommandLine;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops status</c>: is the fleet where git says it should be, and if not, where and why.</summary>
public sealed class StatusCommand : Command
{
    public StatusCommand(CliRuntime runtime)
        : base("status", "Is the fleet where git says? Errors first, a row per group, one line for the fleet")
    {
        this.Runs(runtime, async (context, ct) =>
        {
            var fleet = await context.Hub.GetFleetAsync(ct);
            if (context.Json)
                context.WriteJson(fleet, JsonOutput.Api.FleetView);
            else
                StatusView.Write(context.Screen, fleet, context.Wide);
            return ExitCodes.Ok;
        });
    }
}
