using System.CommandLine;
using FleetOps.Cli.Client;
using FleetOps.Cli.Output;
using FleetOps.Cli.Parsing;
using FleetOps.Shared.Api;

namespace FleetOps.Cli.Commands;

/// <summary><c>fleetops clusters</c>: clusters filtered by group, phase, labels or silence, a page at a time or all at once.</summary>
public sealed class ClustersCommand : Command
{
    public const int DefaultPageSize = 100;

    /// <summary>The hub's largest page; <c>--all</c> reads in pages of this size.</summary>
    public const int MaxPageSize = 1000;

    public ClustersCommand(CliRuntime runtime)
        : base("clusters", "List clusters, filtered by group, phase, label selector or silence; paged")
    {
        var group = new Option<string?>("--group", "-g") { Description = "Only members of this group", HelpName = "GROUP" };
        var phase = OptionParsers.Phase("--phase", "Only clusters in this phase: Converged, Pending, Progressing, Degraded, Failed, Offline or Unknown");
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, as kubectl takes it: region=east,ring!=canary,tier in (a,b)", HelpName = "SELECTOR" };
        var stale = OptionParsers.Duration("--stale", "Only clusters that say they are online but have been silent at least this long");
        var page = OptionParsers.Number("--page", "Page number, from 1", 1, int.MaxValue);
        var pageSize = OptionParsers.Number("--page-size", $"Clusters per page [default: {DefaultPageSize}]", 1, MaxPageSize);
        var all = new Option<bool>("--all", "-A") { Description = "Every matching cluster, reading page after page" };
        foreach (var option in new Option[] { group, phase, selector, stale, page, pageSize, all })
            Options.Add(option);
        this.Exclusive(pageSize, all);
        this.Exclusive(page, all);

        this.Runs(runtime, async (context, ct) =>
        {
            var staleFor = context.Value(stale);
            var filter = new ClusterFilter(context.Value(group), context.Value(phase), context.Value(selector),
                staleFor is { } s ? DurationText.ToHubForm(s) : null);
            var result = context.Value(all)
                ? await ReadAllAsync(context.Hub, filter, ct)
                : await ReadPageAsync(context.Hub, filter, context.Value(page) ?? 1, context.Value(pageSize) ?? DefaultPageSize, ct);
            if (context.Json)
                context.WriteJson(result, JsonOutput.Api.ClusterPage);
            else
                ClustersView.Write(context.Screen, result, context.Wide, NextPage(result, context.Value(group), context.Value(phase)?.ToString(),
                    context.Value(selector), staleFor, context.Value(pageSize)));
            return ExitCodes.Ok;
        });
    }

    private static async Task<ClusterPage> ReadPageAsync(HubClient hub, ClusterFilter filter, int page, int size, CancellationToken ct)
    {
        try
        {
            return await hub.GetClustersAsync(filter, page, size, ct);
        }
        catch (HubProblemException e) when (e.Problem.Status == 400)
        {
            // "Invalid selector: ..." reads better with the title than the bare detail.
            throw CliException.Usage(e.Problem.Title is null ? e.Problem.Text : $"{e.Problem.Title.ToLowerInvariant()}: {e.Problem.Text}",
                "selectors take the kubectl form: key=value, key!=value, key in (a,b), key notin (a,b), key, !key, joined by ','");
        }
    }

    /// <summary>Reads page after page in the hub's largest size and returns them as one page holding every match.</summary>
    private static async Task<ClusterPage> ReadAllAsync(HubClient hub, ClusterFilter filter, CancellationToken ct)
    {
        var items = new List<ClusterSummary>();
        for (var number = 1; ; number++)
        {
            var page = await ReadPageAsync(hub, filter, number, MaxPageSize, ct);
            items.AddRange(page.Items);
            // Stop on a short page too: clusters unregistered while reading would otherwise end the loop never.
            if (items.Count >= page.Total || page.Items.Count < MaxPageSize)
                return new ClusterPage(items, 1, Math.Max(items.Count, 1), items.Count);
        }
    }

    /// <summary>The command that shows the next page, with the same filters, or null on the last page.</summary>
    public static string? NextPage(ClusterPage page, string? group, string? phase, string? selector, TimeSpan? stale, int? pageSize)
    {
        if (page.Page * page.PageSize >= page.Total)
            return null;
        var parts = new List<string> { "fleetops clusters" };
        if (group is not null)
            parts.Add($"--group {Shell.Quote(group)}");
        if (phase is not null)
            parts.Add($"--phase {phase}");
        if (selector is not null)
            parts.Add($"-l {Shell.Quote(selector)}");
        if (stale is { } s)
            parts.Add($"--stale {DurationText.ToHubForm(s)}");
        parts.Add($"--page {page.Page + 1}");
        if (pageSize is { } size)
            parts.Add($"--page-size {size}");
        return string.Join(" ", parts);
    }
}
