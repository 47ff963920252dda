namespace FleetOps.Hub.Tests.Web;

/// <summary>The cluster page: its groups and its journal, with what agents wrote shown as text, never run as markup.</summary>
[Collection(WebCollection.Name)]
public sealed class ClusterPageTests(BrowserFixture browser, DemoFleet fleet)
{
    [Fact]
    public async Task TheClusterPageShowsTheJournalAndMarksWhatHappenedWhileOffline()
    {
        await using var tab = await browser.Chromium.OpenAsync(fleet.Hub.ApiAddress);
        await tab.LogInAsync(fleet.Hub.Options.AdminToken, $"/login?return=%2Fclusters%2F{DemoFleet.Converged}");

        Assert.Equal(["3", "2", "1"], await tab.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#journal tr[data-seq]')].map(r => r.dataset.seq)"));
        var offline = await tab.TextAsync("#journal tr[data-seq='1']");
        Assert.Contains("DriftCorrected", offline);
        Assert.Contains("put back ConfigMap/store-platform/mqtt-bridge while offline", offline);
        Assert.Contains("while offline: reached the hub", offline);
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("document.querySelector(\"#journal tr[data-seq='1']\").classList.contains('offline')"));
        Assert.DoesNotContain("while offline", await tab.TextAsync("#journal tr[data-seq='2'] td[data-label='At']"));
        Assert.Contains("platform", await tab.TextAsync("#cluster-groups"));
    }

    [Fact]
    public async Task AJournalDetailHoldingAScriptTagIsShownAsText()
    {
        await using var tab = await browser.Chromium.OpenAsync(fleet.Hub.ApiAddress);
        await tab.LogInAsync(fleet.Hub.Options.AdminToken, $"/login?return=%2Fclusters%2F{DemoFleet.Converged}");

        Assert.Equal(DemoFleet.ScriptDetail, await tab.TextAsync("#journal tr[data-seq='2'] .detail"));
        Assert.Equal(0, await tab.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('main script, main b').length"));
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("window.__injected === undefined"));

        // The live refresh swaps in the page's parts again; they stay text.
        await tab.Page.WaitForFunctionAsync("() => /live ·/.test(document.getElementById('live-status').textContent)");
        Assert.Equal(0, await tab.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('main script, main b').length"));
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("window.__injected === undefined"));
    }
}
