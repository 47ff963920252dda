using FleetOps.EdgeAgent.Configuration;
using FleetOps.EdgeAgent.Reconcile;
using FleetOps.EdgeAgent.Render;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Rendering;
using FleetOps.Testing.Files;

namespace FleetOps.EdgeAgent.Tests.Render;

public sealed class SharedManifestRendererTests
{
    private static SharedManifestRenderer Renderer(string clusterId = "store-7", Dictionary<string, string>? labels = null) =>
        new(FleetOps.Shared.Rendering.Renderer.Default, AgentOptions.Default with { ClusterId = clusterId, Labels = labels ?? new() { ["region"] = "east" } });

    [Fact]
    public async Task AKustomizeOverlayRendersWithClusterVariablesFilledIn()
    {
        var objects = await Renderer().RenderAsync(TestData.Root, "shop/overlays/store", null, CancellationToken.None);

        Assert.Equal(5, objects.Count);
        var settings = objects.Single(o => o["metadata"]!["name"]!.GetValue<string>() == "settings" && o["kind"]!.GetValue<string>() == "ConfigMap");
        Assert.Equal("store-7", settings["data"]!["store"]!.GetValue<string>());
        Assert.Equal("east", settings["data"]!["region"]!.GetValue<string>());
        var api = objects.Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        Assert.Equal(2, api["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheLabelsTheHubSentAreWhatClusterLabelVariablesRead()
    {
        var hub = GroupTarget.Merge(new Dictionary<string, string> { ["region"] = "east", ["kitchen"] = "grill" }, new Dictionary<string, string> { ["region"] = "west" });

        var objects = await Renderer().RenderAsync(TestData.Root, "shop/overlays/store", hub, CancellationToken.None);

        var settings = objects.Single(o => o["metadata"]!["name"]!.GetValue<string>() == "settings" && o["kind"]!.GetValue<string>() == "ConfigMap");
        Assert.Equal("west", settings["data"]!["region"]!.GetValue<string>());
    }

    [Fact]
    public void TheHubsLabelsWinAndTheAgentsOwnFillInTheRest()
    {
        var own = new Dictionary<string, string> { ["region"] = "east", ["hardware"] = "nuc-11" };

        Assert.Null(GroupTarget.Merge(own, null));
        Assert.Equal(new Dictionary<string, string> { ["region"] = "west", ["hardware"] = "nuc-11", ["ring"] = "canary" },
            GroupTarget.Merge(own, new Dictionary<string, string> { ["region"] = "west", ["ring"] = "canary" }));
    }

    [Fact]
    public async Task ARenderErrorCarriesTheRenderersMessage()
    {
        var e = await Assert.ThrowsAsync<RenderException>(() => Renderer().RenderAsync(TestData.Root, "shop/overlays/missing", null, CancellationToken.None));
        Assert.Contains("shop/overlays/missing", e.Message);
    }
}
