using FleetOps.Scenarios.Tests.Harness;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Signing;

namespace FleetOps.Scenarios.Tests;

/// <summary>
/// Signed commits verified at the store even when the hub does not check: a hub that would pass anything (its
/// check off, as a compromised hub would behave) cannot make real agents apply a revision their keys do not vouch for.
/// </summary>
public sealed class SignedCommitTests
{
    private const string Overlay = "apps/pos/overlays/east/kustomization.yaml";

    [Fact]
    public async Task StoresRefuseARevisionSignedByAnUnknownKeyThatTheHubPassedAndTakeTheNextTrustedOne()
    {
        using var keys = new TempDir();
        using var platformTeam = new SshSigningKey("platform-team");
        using var stranger = new SshSigningKey("stranger");
        string[] stores = ["store-s1", "store-s2"];
        await using var fleet = await ScenarioFleet.StartAsync(new ScenarioFleetOptions
        {
            Stores = [Stores.East(stores[0]), Stores.East(stores[1])],
            Signer = platformTeam,
            AgentTrustedKeys = TrustedKeyFiles.Write(keys.Path, platformTeam),
        });
        var good = fleet.Repository.Head;
        await fleet.WaitConvergedAsync("pos-east", good, stores);
        var working = fleet.Repository.Read(Overlay);

        fleet.Repository.Signer = stranger;
        var foreign = await fleet.CommitAsync(Overlay, working.Replace("newTag: \"2.14.0\"", "newTag: \"6.6.6\""), "East: an image nobody trusted signed");

        Assert.Equal(foreign, (await fleet.StatusAsync()).Groups.Single(g => g.Name == "pos-east").Target!.Commit.Sha);
        await ScenarioFleet.EventuallyAsync(async () =>
        {
            var views = await Task.WhenAll(stores.Select(fleet.ClusterAsync));
            return views.All(c => c.Groups.Single(g => g.Name == "pos-east") is { Reason: Reasons.UntrustedRevision, DesiredRevision: var d } && d == foreign);
        }, "both stores refuse the foreign revision");
        foreach (var id in stores)
        {
            var pos = (await fleet.ClusterAsync(id)).Groups.Single(g => g.Name == "pos-east");
            Assert.Equal((Phase.Failed, good), (pos.Phase, pos.AppliedRevision));
            var history = await fleet.HistoryAsync(id);
            var refused = Assert.Single(history.Events, e => e.Kind == JournalEventKinds.UntrustedRevision);
            Assert.Contains($"signed by SSH key {stranger.Fingerprint}, which is not in the allowed signers file", refused.Detail);
        }

        fleet.Repository.Signer = platformTeam;
        var fixedSha = await fleet.CommitAsync(Overlay, working.Replace("newTag: \"2.14.0\"", "newTag: \"2.14.2\""), "East: 2.14.2, signed by the platform team");

        await fleet.WaitConvergedAsync("pos-east", fixedSha, stores);
    }
}
