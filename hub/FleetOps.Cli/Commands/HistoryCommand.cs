using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops history ID</c>: the store's journal in a time window, including what it did while offline.
/// <c>fleetops history --group G</c>: the group's rollout audit (started, waves, halts, every operator action and
/// who took it). One command for "what happened", about a cluster or about a group: exactly one of the two is given.
/// </summary>
public sealed class HistoryCommand : Command
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    public HistoryCommand(CliRuntime runtime)
        : base("history", "Show a cluster's journal and the revisions it ran, or (--group) a group's rollout audit, between two times")
    {
        var id = new Argument<string?>("ID") { Description = "Cluster id, for example store-0042", Arity = ArgumentArity.ZeroOrOne };
        var group = new Option<string?>("--group", "-g") { Description = "A group's rollout audit instead of a cluster's journal", HelpName = "GROUP" };
        var since = OptionParsers.Time("--since", "From this time: 2h (ago), 3d, yesterday, 2026-11-17, 2026-11-17T09:30, ...Z [default: the oldest kept]", runtime.Env);
        var until = OptionParsers.Time("--until", "Up to this time, same forms as --since [default: now]", runtime.Env);
        var limit = OptionParsers.Number("--limit", $"At most this many events, oldest first [default: {DefaultLimit}]", 1, MaxLimit);
        var after = OptionParsers.Seq("--after", "Only events after this seq: the next page (pages go by seq, since a store's clock may step back)");
        Arguments.Add(id);
        foreach (var option in new Option[] { group, since, until, limit, after })
            Options.Add(option);
        Validators.Add(result =>
        {
            var hasId = result.GetValue(id) is not null;
            var hasGroup = result.GetResult(group) is { Implicit: false };
            if (hasId && hasGroup)
                result.AddError("give a cluster ID or --group GROUP, not both");
            else if (!hasId && !hasGroup)
                result.AddError("give a cluster ID (its journal) or --group GROUP (the group's rollout audit)");
            else if (hasGroup && result.GetResult(after) is { Implicit: false })
                result.AddError("--after pages a cluster's journal; a group's audit is narrowed with --since and --until");
        });
        this.Runs(runtime, async (context, ct) =>
        {
            var window = new Window(context.Value(since), context.Value(until), context.Value(limit) ?? DefaultLimit, context.Value(after));
            if (window.Since is { } from && window.Until is { } to && from >= to)
                throw CliException.Usage($"--since ({from:u}) must be before --until ({to:u})");
            return context.Value(group) is { } groupName
                ? await GroupAsync(context, groupName, window, ct)
                : await ClusterAsync(context, context.Value(id)!, window, ct);
        });
    }

    private static async Task<int> ClusterAsync(CommandContext context, string clusterId, Window window, CancellationToken ct)
    {
        HistoryPage page;
        try
        {
            page = await context.Hub.GetHistoryAsync(clusterId, window.Since, window.Until, window.After, window.Limit, ct);
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
    }

    /// <summary>The hub sends a group's whole audit (it keeps the latest 500 events); the window is applied here.</summary>
    private static async Task<int> GroupAsync(CommandContext context, string group, Window window, CancellationToken ct)
    {
        GroupHistory history;
        try
        {
            history = await context.Hub.GetGroupHistoryAsync(group, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 404)
        {
            throw GroupCommand.UnknownGroup(e);
        }
        var inWindow = history.Events.Where(e => (window.Since is not { } s || e.At >= s) && (window.Until is not { } u || e.At < u)).ToList();
        var shown = history with { Events = inWindow.Take(window.Limit).ToList() };
        if (context.Json)
        {
            context.WriteJson(shown, JsonOutput.Api.GroupHistory);
            return ExitCodes.Ok;
        }
        // The current rollout names its waves; older events are shown by number.
        var current = await context.Hub.GetRolloutAsync(group, ct);
        GroupHistoryView.Write(context.Screen, shown, current, truncated: inWindow.Count > window.Limit, context.Wide);
        return ExitCodes.Ok;
    }

    private sealed record Window(DateTimeOffset? Since, DateTimeOffset? Until, int Limit, long? After);
}
