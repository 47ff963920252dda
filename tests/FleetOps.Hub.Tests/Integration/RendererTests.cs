using System.Net;
using FleetOps.Cli.Client;
using FleetOps.Testing.Files;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>The renderer a fresh machine really has: the hub detects its kustomize at start, says which, and refuses one too old.</summary>
public sealed class RendererTests : IDisposable
{
    // What Debian 12's kubectl (kubernetes-client 1.20) prints; anything else it is asked, it does as the real kubectl.
    private const string Kubectl120 =
        "#!/bin/sh\n" +
        "if [ \"$1\" = version ]; then echo 'Client Version: version.Info{Major:\"1\", Minor:\"20\", GitVersion:\"v1.20.15\", GitTreeState:\"clean\", GoVersion:\"go1.15.15\", Compiler:\"gc\", Platform:\"linux/amd64\"}'; exit 0; fi\n" +
        "exec kubectl \"$@\"\n";

    private readonly TempDir tools = new();

    [Fact]
    public async Task ReadyzAndTheFleetViewNameTheKustomizeTheHubRendersWith()
    {
        await using var scenario = await StartAsync(realRenderer: true);
        using var anonymous = new HttpClient { BaseAddress = scenario.Hub.CreateHttpClient().BaseAddress };

        var ready = await Eventually.ValueAsync(() => anonymous.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK, "the hub is ready");
        var body = await ready.Content.ReadAsStringAsync();
        var fleet = await scenario.Hub.Client.GetFleetAsync(default);

        Assert.Matches(@"^""ready; renderer: (kustomize build|kubectl kustomize|k3s kubectl kustomize) \(.*kustomize v\d+\.\d+\.\d+\)""$", body);
        Assert.Equal(body.Trim('"')["ready; renderer: ".Length..], fleet.Source.Renderer);
    }

    [Fact]
    public async Task AHubWhoseKubectlIsTooOldRefusesItAndEveryKustomizeGroupSaysWhatIsNeeded()
    {
        var kubectl = tools.Write("bin/kubectl", Kubectl120);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(kubectl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var scenario = await StartAsync(realRenderer: true, hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Source:KustomizeExecutable"] = kubectl },
        });
        using var anonymous = new HttpClient { BaseAddress = scenario.Hub.CreateHttpClient().BaseAddress };

        var ready = await Eventually.ValueAsync(() => anonymous.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK, "the hub is ready: plain YAML groups need no kustomize");
        var fleet = await scenario.Hub.Client.GetFleetAsync(default);

        var expected = $"none: the configured kustomize executable '{kubectl}' is kubectl v1.20.15 with kustomize v2.0.3, too old. " +
            "FleetOps needs kustomize v5: kubectl 1.27 or newer (pkgs.k8s.io), a kustomize v5 release binary, or the 'k3s kubectl' a store already has";
        Assert.Equal($"\"ready; renderer: {expected}\"", await ready.Content.ReadAsStringAsync());
        Assert.Equal(expected, fleet.Source.Renderer);
        var platform = Assert.Single(fleet.Errors, e => e.Message.Contains("group 'platform'", StringComparison.Ordinal));
        Assert.Contains("platform/kustomization.yaml: the configured kustomize executable", platform.Message);
        Assert.Contains("FleetOps needs kustomize v5", platform.Message);
    }

    [Fact]
    public async Task AStoresRendererFromItsHelloIsInItsClusterDetailAndAnOlderAgentsHelloStillWorks()
    {
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-render", Labels(("region", "east")));
        var older = await Eventually.ValueAsync(() => scenario.Hub.Client.GetClusterAsync("store-render", default), c => c.AgentVersion is not null, "the hello without a renderer is taken");
        Assert.Null(older.Renderer);

        await agent.SayHelloAsync(Labels(("region", "east")), renderer: "k3s kubectl kustomize (kubectl v1.30.4, kustomize v5.0.4)");

        var detail = await Eventually.ValueAsync(() => scenario.Hub.Client.GetClusterAsync("store-render", default), c => c.Renderer is not null, "the store's renderer is shown");
        Assert.Equal("k3s kubectl kustomize (kubectl v1.30.4, kustomize v5.0.4)", detail.Renderer);
    }

    public void Dispose() => tools.Dispose();
}
