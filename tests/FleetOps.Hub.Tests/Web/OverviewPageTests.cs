using FleetOps.Shared.Api;
using FleetOps.Testing.Polling;

namespace FleetOps.Hub.Tests.Web;

/// <summary>The overview and group pages over the demo's fleet, in a real browser.</summary>
[Collection(WebCollection.Name)]
public sealed class OverviewPageTests(BrowserFixture browser, DemoFleet fleet)
{
    [Fact]
    public async Task TheOverviewListsTheDemosGroupsWithTheCountsTheApiGives()
    {
        await using var tab = await browser.Chromium.OpenAsync(fleet.Hub.ApiAddress);
        await tab.LogInAsync(fleet.Hub.Options.AdminToken);

        Assert.Equal(DemoFleet.Groups, await tab.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-group]')].map(r => r.dataset.group)"));
        // Rollouts move members on while the test reads, so the page must come to show what the API says at one moment.
        string[] api = [], page = [];
        await Eventually.UntilAsync(async () =>
        {
            page = await RowsAsync(tab);
            api = (await fleet.Hub.Client.GetGroupsAsync(default)).Select(Row).ToArray();
            return page.SequenceEqual(api);
        }, () => $"the page's counts match the API's: page {string.Join("; ", page)}, API {string.Join("; ", api)}");
        Assert.Contains("platform|4|", page[0]);
        Assert.Contains("Failed:1", page[0]);
        Assert.Contains("Offline:1", page[0]);
        Assert.Equal("4 clusters", await tab.TextAsync("#totals h2"));
    }

    [Fact]
    public async Task AtPhoneWidthTheOverviewFitsTheScreenWithoutScrollingSideways()
    {
        await using var tab = await browser.Chromium.OpenAsync(fleet.Hub.ApiAddress, width: 390, height: 844);
        await tab.LogInAsync(fleet.Hub.Options.AdminToken);
        await tab.WaitForTextAsync("tr[data-group]", "menu-board", "the overview lists the groups");

        await AssertFitsAsync(tab);

        // A source whose path has no place to break (a temp folder's 32 hex digits once made the page 2 px too wide), and
        // the header's live status at its longest, as a hub too slow to answer makes it.
        await tab.Page.EvaluateExpressionAsync("(() => { document.querySelector('.source').textContent = '/srv/fleet-config-' + 'f0e1d2c3b4a59687'.repeat(4) + '/repo, branch main';"
            + " const s = document.getElementById('live-status'); s.textContent = 'hub not answering, retrying'; s.classList.add('stale'); })()");
        await AssertFitsAsync(tab);
    }

    private static async Task AssertFitsAsync(FleetOps.Testing.Web.HubTab tab)
    {
        var widths = await tab.Page.EvaluateExpressionAsync<int[]>("[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.Equal(390, widths[2]);
        // What sticks out, named, for when it fails: the elements whose right edge passes the screen's, or whose text passes theirs.
        var wide = await tab.Page.EvaluateExpressionAsync<string[]>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth || e.scrollWidth > e.clientWidth + 1)"
            + ".map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px: ${(e.textContent || '').trim().slice(0, 80)}`)");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2],
            $"the page is {widths[0]} px wide on a {widths[2]} px screen; past its edge: {string.Join(" | ", wide)}");
    }

    [Fact]
    public async Task TheGroupPageListsFailingMembersFirstAndFindsMembersByLabel()
    {
        await using var tab = await browser.Chromium.OpenAsync(fleet.Hub.ApiAddress);
        await tab.LogInAsync(fleet.Hub.Options.AdminToken, "/login?return=%2Fgroups%2Fplatform");

        Assert.EndsWith("/groups/platform", tab.Page.Url);
        var members = await tab.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-cluster]')].map(r => r.dataset.cluster)");
        Assert.Equal([DemoFleet.Failing, DemoFleet.Gone], members[..2]);
        Assert.Contains(DemoFleet.FailureMessage, await tab.TextAsync($"tr[data-cluster='{DemoFleet.Failing}']"));
        Assert.StartsWith("1 of 4 members converged", await tab.TextAsync("#convergence-summary"));
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("document.querySelector('#convergence polyline').getAttribute('points').split(' ').length === 3"));

        await tab.GoToAsync("/groups/platform?selector=kitchen%3Dnone");
        Assert.Equal([DemoFleet.Gone], await tab.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-cluster]')].map(r => r.dataset.cluster)"));
        Assert.Contains("1 of 4 members match", await tab.TextAsync("#members"));
    }

    private static Task<string[]> RowsAsync(Testing.Web.HubTab tab) => tab.Page.EvaluateExpressionAsync<string[]>("""
        [...document.querySelectorAll('tr[data-group]')].map(r => r.dataset.group + '|' + r.querySelector('.total').textContent.trim() + '|' +
            [...r.querySelectorAll('.count[data-phase]')].map(c => c.dataset.phase + ':' + parseInt(c.textContent, 10)).join(','))
        """);

    private static string Row(GroupView group)
    {
        var m = group.Members;
        (string, int)[] phases = [("Converged", m.Converged), ("Progressing", m.Progressing), ("Pending", m.Pending), ("Degraded", m.Degraded),
            ("Failed", m.Failed), ("Offline", m.Offline), ("Unknown", m.Unknown)];
        return $"{group.Name}|{m.Total}|{string.Join(",", phases.Where(p => p.Item2 > 0).Select(p => $"{p.Item1}:{p.Item2}"))}";
    }
}
