using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Cli.Waiting;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops wait --group G --removed</c>: after a refresh (so a removal just pushed is taken), polls the hub's removal view
/// until no store holds the group (exit 0), a store says its prune failed (exit 4 at once), or the timeout passes (exit 4).
/// </summary>
public static class RemovalWait
{
    public static async Task<int> RunAsync(CommandContext context, string group, TimeSpan timeout, TimeSpan interval, CancellationToken ct)
    {
        var clock = context.Env.Clock;
        var started = clock.GetTimestamp();
        var refreshed = false;
        string? lastProgress = null;
        RemovalWaitReport report;
        while (true)
        {
            try
            {
                if (!refreshed)
                {
                    await context.Hub.RefreshAsync(ct);
                    refreshed = true;
                }
                report = RemovalEvaluator.Evaluate(await LookAsync(context.Hub, group, ct), clock.GetElapsedTime(started));
            }
            catch (CliException e) when (e.ExitCode == ExitCodes.HubUnreachable && clock.GetElapsedTime(started) + interval < timeout)
            {
                // A hub restarting is ridden out until the wait's own timeout, as the other waits do.
                context.Runtime.WriteProgress($"waiting: {e.Message}; retrying");
                lastProgress = null;
                await Task.Delay(interval, clock, ct);
                continue;
            }
            var remaining = timeout - clock.GetElapsedTime(started);
            if (report.State != WaitState.Waiting || remaining <= TimeSpan.Zero)
                break;
            var progress = RemovalWaitView.Progress(report);
            if (progress != lastProgress)
                context.Runtime.WriteProgress($"waiting: {progress}");
            lastProgress = progress;
            await Task.Delay(remaining < interval ? remaining : interval, clock, ct);
        }
        if (context.Json)
            context.WriteJson(report, WaitJsonContext.Default.RemovalWaitReport);
        else
            RemovalWaitView.Write(context.Screen, report);
        return report.State == WaitState.Met ? ExitCodes.Ok : ExitCodes.WaitNotMet;
    }

    private static async Task<FleetOps.Shared.Api.GroupRemovalView> LookAsync(HubClient hub, string group, CancellationToken ct)
    {
        try
        {
            return await hub.GetGroupRemovalAsync(group, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            throw GroupCommand.UnknownGroup(e);
        }
    }
}
