using System.Diagnostics;
using FleetOps.Testing.Hub;

namespace FleetOps.Hub.Tests.Web;

/// <summary>The overview follows the fleet without a reload. Each test changes its fleet, so each has a hub of its own.</summary>
[Collection(WebCollection.Name)]
public sealed class LiveUpdateTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>The page polls every 3 s; under a loaded CI machine a few more.</summary>
    private static readonly TimeSpan FewSeconds = TimeSpan.FromSeconds(10);

    private HubScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HubScenario.StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task ACommitChangesTheOverviewWithinSecondsWithoutAReload()
    {
        await using var tab = await browser.Chromium.OpenAsync(scenario.Hub.ApiAddress);
        await tab.LogInAsync(scenario.Hub.Options.AdminToken);
        await tab.WaitForTextAsync("#commit", "Initial fleet", "the overview shows the first commit");
        await tab.Page.EvaluateExpressionAsync("window.__samePage = true");

        scenario.Repository.Write("apps/pos/overlays/east/region.yaml", scenario.Repository.Read("apps/pos/overlays/east/region.yaml") + "# east runs POS 2.15\n");
        var sha = scenario.Repository.Commit("POS 2.15 for the east region");
        await scenario.Hub.Client.RefreshAsync(default);
        var clock = Stopwatch.StartNew();

        await tab.WaitForTextAsync("#commit", "POS 2.15 for the east region", "the overview shows the new commit");
        Assert.True(clock.Elapsed < FewSeconds, $"the page took {clock.Elapsed.TotalSeconds:0.0}s to show the commit");
        Assert.Contains(sha[..7], await tab.TextAsync("tr[data-group='pos-east']"));
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("window.__samePage === true"), "the page was reloaded");
    }

    [Fact]
    public async Task ABrokenOverlayShowsItsErrorFirst()
    {
        await using var tab = await browser.Chromium.OpenAsync(scenario.Hub.ApiAddress);
        await tab.LogInAsync(scenario.Hub.Options.AdminToken);
        await tab.WaitForTextAsync("#commit", "Initial fleet", "the overview shows the first commit");
        Assert.Equal("commit", await tab.Page.EvaluateExpressionAsync<string>("document.getElementById('live').firstElementChild.id"));

        scenario.Repository.Write("apps/pos/overlays/east/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - ../../base
              - region.yaml
              - promotion.yaml
            """);
        scenario.Repository.Commit("East promotion banner");
        await scenario.Hub.Client.RefreshAsync(default);

        await tab.WaitForTextAsync("#errors", "pos-east", "the overview shows the render error");
        Assert.Equal("errors", await tab.Page.EvaluateExpressionAsync<string>("document.getElementById('live').firstElementChild.id"));
        Assert.Contains("promotion.yaml", await tab.TextAsync("#errors"));
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("document.querySelector(\"tr[data-group='pos-east']\").classList.contains('has-error')"));
        Assert.Contains("not by pos-east", await tab.TextAsync("#commit"));
    }
}
