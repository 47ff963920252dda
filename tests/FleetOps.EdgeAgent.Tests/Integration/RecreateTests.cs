using FleetOps.EdgeAgent.Apply;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>
/// Delete-and-recreate (<c>fleetops.io/force</c>) against the emulator: only a refusal whose every cause is a field
/// that cannot change in place is worth a recreate; anything else is reported and the live object left alone.
/// </summary>
public sealed class RecreateTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task ASelectorItsTemplateDoesNotMatchIsRefusedWithoutDeletingTheObjectOrHintingAtForce()
    {
        await using var h = new AgentHarness(emulator.Server);
        var first = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, first));
        await h.WaitConvergedAsync(first);
        var uid = h.Cluster.Get("apps/v1", "Deployment", "shop", "api")!["metadata"]!["uid"]!.GetValue<string>();

        var bad = h.Repo.Write("shop/base/api.yaml", TestData.Read("changes", "api-selector-mismatch-forced.yaml")).Commit("selector without labels");
        h.SetDesired(h.Desired(2, bad));
        await h.WaitForStatusAsync(s => s.Phase == Phase.Failed, "the refused selector fails the run");

        var status = h.Status()!;
        Assert.Equal(Reasons.ApplyFailed, status.Reason);
        Assert.Contains("Deployment/shop/api", status.Message);
        Assert.Contains("`selector` does not match template `labels`", status.Message);
        Assert.DoesNotContain(Ownership.ForceAnnotation, status.Message);
        var live = h.Cluster.Get("apps/v1", "Deployment", "shop", "api");
        Assert.NotNull(live);
        Assert.Equal(uid, live["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("api", live["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        Assert.DoesNotContain(h.Cluster.Requests, r => r.Verb == "delete");
    }
}
