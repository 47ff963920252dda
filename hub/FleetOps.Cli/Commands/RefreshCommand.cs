using System.CommandLine;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops refresh</c>: has the hub fetch the fleet-config branch now instead of at its next poll. A fetch that
/// failed is a failed command (exit 1, the cause on stderr): a pipeline that refreshes after a push must not go on
/// believing the hub saw its commit. A head refused for some group (fleet.yaml, signature, a group that does not render)
/// exits 1 too, saying for which groups and why.
/// </summary>
public sealed class RefreshCommand : Command
{
    public RefreshCommand(CliRuntime runtime)
        : base("refresh", "Make the hub fetch the fleet-config repository now and move group targets")
    {
        this.Runs(runtime, async (context, ct) =>
        {
            var result = await context.Hub.RefreshAsync(ct);
            if (context.Json)
            {
                context.WriteJson(result, JsonOutput.Api.RefreshResult);
                return result.Head is null || RefreshView.Refused(result) is not null ? ExitCodes.Error : ExitCodes.Ok;
            }
            if (result.Head is null)
                throw NotFetched(result);
            RefreshView.Write(context.Screen, result);
            // A head refused for some group is a failed refresh: a pipeline must not go on as if its commit landed.
            return RefreshView.Refused(result) is null ? ExitCodes.Ok : ExitCodes.Error;
        });
    }

    private static CliException NotFetched(RefreshResult result)
    {
        if (result.Errors.FirstOrDefault(e => e.Kind == FleetErrorKinds.Source) is not { } error)
            return CliException.Error("the hub has no fleet-config repository to fetch: Hub:Source:Url is not set",
                "start the hub with --Hub:Source:Url=<clone URL or path>");
        return CliException.Error(RefreshView.FetchFailure(error),
            "nothing moved: group targets stay where they are and stores keep running what they have; the hub keeps polling",
            "fix the repository (or Hub:Source:Url), then run 'fleetops refresh' again");
    }
}
