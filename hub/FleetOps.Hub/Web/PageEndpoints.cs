using FleetOps.Hub.Api;
using FleetOps.Hub.Storage;
using FleetOps.Hub.Web.Pages;
using FleetOps.Hub.Web.Reading;
using FleetOps.Shared.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace FleetOps.Hub.Web;

/// <summary>
/// The pages: each reads through the same readers and handlers as the JSON API (in process, never HTTP to itself)
/// and renders a Razor component on the server. The page script fetches the same URL every few seconds.
/// </summary>
internal static class PageEndpoints
{
    public static async Task<RazorComponentResult> Overview(FleetReader reader, TimeProvider time) => Page<OverviewPage>(
        (nameof(OverviewPage.Fleet), await reader.ReadFleetAsync()),
        (nameof(OverviewPage.Now), time.GetUtcNow()));

    public static async Task<RazorComponentResult> Group(string name, string? q, string? selector, string? phase,
        FleetReader reader, IGrainFactory grains, ConvergenceCurves curves, TimeProvider time, CancellationToken cancellationToken)
    {
        var answer = await FleetEndpoints.GetGroup(name, reader, grains);
        if (answer.Result is not Ok<GroupDetail> { Value: { } detail })
            return NotFound(answer.Result);
        var search = MemberFilter.Parse(q, selector, phase);
        var rollout = detail.Group.Rollout is null ? null : (await RolloutEndpoints.Get(name, grains)).Result is Ok<RolloutView> found ? found.Value : null;
        return Page<GroupDetailPage>(
            (nameof(GroupDetailPage.Group), detail.Group),
            (nameof(GroupDetailPage.Rollout), rollout),
            (nameof(GroupDetailPage.Search), search),
            (nameof(GroupDetailPage.Members), await MemberFilter.ApplyAsync(name, detail.Members, search, grains)),
            (nameof(GroupDetailPage.Curve), await curves.ReadAsync(detail.Group, cancellationToken)),
            (nameof(GroupDetailPage.Now), time.GetUtcNow()));
    }

    public static async Task<RazorComponentResult> Cluster(string id, long? before,
        IGrainFactory grains, IJournalStore journal, ILoggerFactory loggers, TimeProvider time)
    {
        var answer = await ClusterEndpoints.Get(id, grains, loggers);
        if (answer.Result is not Ok<ClusterDetail> { Value: { } cluster })
            return NotFound(answer.Result);
        return Page<ClusterDetailPage>(
            (nameof(ClusterDetailPage.Cluster), cluster),
            (nameof(ClusterDetailPage.Journal), await JournalPages.ReadAsync(cluster, before, grains, journal)),
            (nameof(ClusterDetailPage.Now), time.GetUtcNow()));
    }

    private static RazorComponentResult NotFound(IResult? answer)
    {
        var problem = (answer as ProblemHttpResult)?.ProblemDetails;
        var page = Page<NotFoundPage>(
            (nameof(NotFoundPage.Title), problem?.Title ?? "Not found"),
            (nameof(NotFoundPage.Detail), problem?.Detail));
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    private static RazorComponentResult<T> Page<T>(params (string Name, object? Value)[] parameters) where T : IComponent =>
        new(parameters.ToDictionary(p => p.Name, p => p.Value));
}
