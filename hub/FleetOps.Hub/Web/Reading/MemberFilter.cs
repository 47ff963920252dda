using FleetOps.Hub.Grains.Abstractions;
using FleetOps.Hub.Web.Models;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Selectors;

namespace FleetOps.Hub.Web.Reading;

/// <summary>
/// The group page's member search: a part of the cluster id, a phase, and a label selector answered by the
/// directory shards exactly as <c>GET /api/v1/clusters?group=&amp;selector=</c> answers it. Failing members come first.
/// </summary>
internal static class MemberFilter
{
    /// <summary>More rows than a person reads; the page says how many matched, and a search narrows them.</summary>
    public const int PageSize = 500;

    public static MemberSearch Parse(string? text, string? selector, string? phase)
    {
        string? problem = null;
        Phase? wanted = null;
        if (Blank(phase) is { } named)
        {
            if (Enum.TryParse<Phase>(named, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
                wanted = parsed;
            else
                problem = $"phase '{named}' is not one of {string.Join(", ", Enum.GetNames<Phase>())}";
        }
        var labels = Blank(selector);
        if (labels is not null && !LabelSelector.TryParse(labels, out _, out var error))
        {
            problem = $"label selector '{labels}': {error}";
            labels = null;
        }
        return new(Blank(text), labels, wanted, problem);
    }

    public static async Task<MemberList> ApplyAsync(string group, IReadOnlyList<GroupMemberView> members, MemberSearch search, IGrainFactory grains)
    {
        HashSet<string>? selected = null;
        if (search.Selector is not null)
        {
            var shards = await Task.WhenAll(ClusterDirectory.All(grains).Select(shard => shard.QueryAsync(new ClusterQuery(group, null, search.Selector))));
            selected = shards.SelectMany(s => s.Value).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        }
        var matching = members
            .Where(m => search.Text is null || m.ClusterId.Contains(search.Text, StringComparison.OrdinalIgnoreCase))
            .Where(m => search.Phase is null || m.Phase == search.Phase)
            .Where(m => selected is null || selected.Contains(m.ClusterId))
            .OrderBy(m => MemberOrder.Rank(m.Phase))
            .ThenBy(m => m.ClusterId, StringComparer.Ordinal)
            .ToList();
        return new(matching.Take(PageSize).ToList(), matching.Count, members.Count);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
