using System.CommandLine;
using FleetOps.Cli.Output;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary>
/// <c>fleetops events</c>: the journal of every store at once, newest first, a page at a time: "who drifted in the
/// last day, and what was put back?" without asking each store's history in turn.
/// </summary>
public sealed class EventsCommand : Command
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public EventsCommand(CliRuntime runtime)
        : base("events", "Show journal events across all stores, newest first: what drifted and was corrected, what was applied, what failed")
    {
        var kind = new Option<string?>("--kind", "-k") { Description = "Only this kind: DriftCorrected, Applied, Failed, Degraded, Pruned, ...", HelpName = "KIND" };
        var group = new Option<string?>("--group", "-g") { Description = "Only events of this group", HelpName = "GROUP" };
        var since = OptionParsers.Time("--since", "From this time: 24h (ago), 3d, yesterday, 2026-11-17, ... [default: 24h]", runtime.Env);
        var until = OptionParsers.Time("--until", "Up to this time, same forms as --since [default: now]", runtime.Env);
        var page = OptionParsers.Number("--page", "Page number, from 1 [default: 1]", 1, int.MaxValue);
        var pageSize = OptionParsers.Number("--page-size", $"Events per page [default: {DefaultPageSize}]", 1, MaxPageSize);
        foreach (var option in new Option[] { kind, group, since, until, page, pageSize })
            Options.Add(option);
        this.Runs(runtime, async (context, ct) =>
        {
            var now = context.Env.Clock.GetUtcNow();
            var from = context.Value(since) ?? now.AddHours(-24);
            // Pinned to now, so the next page's command lists the same window while new events keep arriving.
            var to = context.Value(until) ?? now;
            if (from >= to)
                throw CliException.Usage($"--since ({from:u}) must be before --until ({to:u})");
            var result = await context.Hub.GetEventsAsync(context.Value(kind), context.Value(group), from, to,
                context.Value(page) ?? 1, context.Value(pageSize) ?? DefaultPageSize, ct);
            if (context.Json)
                context.WriteJson(result, JsonOutput.Api.EventPage);
            else
                EventsView.Write(context.Screen, result, context.Wide);
            return ExitCodes.Ok;
        });
    }
}
