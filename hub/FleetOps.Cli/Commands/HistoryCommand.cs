using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops history ID</c>: the store's journal in a time window, including what it did while offline.</summary>
public sealed class HistoryCommand : Command
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    public HistoryCommand(CliRuntime runtime)
        : base("history", "Show a cluster's journal between two times, and the revisions it ran in that window")
    {
        var id = new Argument<string>("ID") { Description = "Cluster id, for example store-0042" };
        var since = OptionParsers.Time("--since", "From this time: 2h (ago), 3d, yesterday, 2026-11-17, 2026-11-17T09:30, ...Z [default: the oldest kept]", runtime.Env);
        var until = OptionParsers.Time("--until", "Up to this time, same forms as --since [default: now]", runtime.Env);
        var limit = OptionParsers.Number("--limit", $"At most this many events, oldest first [default: {DefaultLimit}]", 1, MaxLimit);
        Arguments.Add(id);
        Options.Add(since);
        Options.Add(until);
        Options.Add(limit);
        this.Runs(runtime, async (context, ct) =>
        {
            var clusterId = context.Value(id);
            if (context.Value(since) is { } from && context.Value(until) is { } to && from >= to)
                throw CliException.Usage($"--since ({from:u}) must be before --until ({to:u})");
            Shared.Api.HistoryPage page;
            try
            {
                page = await context.Hub.GetHistoryAsync(clusterId, context.Value(since), context.Value(until), context.Value(limit) ?? DefaultLimit, ct);
            }
            catch (HubProblemException e) when (e.Problem.Status == 404)
            {
                throw ClusterCommand.UnknownCluster(e);
            }
            if (context.Json)
                context.WriteJson(page, JsonOutput.Api.HistoryPage);
            else
                HistoryView.Write(context.Screen, page, context.Wide);
            return ExitCodes.Ok;
        });
    }
}
