using FleetOps.EdgeAgent.Source;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using FleetOps.Testing.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.EdgeAgent.Tests.Integration;

/// <summary>
/// The agent verifies every revision against its own trusted keys before rendering, and fetches only from its
/// own source: real commits signed by git with keys made for each test, the real gpgv and ssh-keygen, the emulator.
/// </summary>
public sealed class SignedRevisionTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Price = "2.75";

    [Fact]
    public async Task ARevisionSignedByATrustedKeyConverges()
    {
        using var key = new GpgSigningKey();
        await using var h = new AgentHarness(emulator.Server);
        h.TrustedKeys = TrustedKeyFiles.Write(h.Data.Sub("keys"), key);
        var signed = h.Repo.CopyFrom("shop", "shop").Commit("shop", signer: key);
        await h.StartAgentAsync();

        h.SetDesired(h.Desired(1, signed));

        await h.WaitConvergedAsync(signed);
    }

    [Fact]
    public async Task ARevisionSignedByAnUnknownKeyIsRefusedWithAJournalEventWhileTheLastGoodOneStaysEnforced()
    {
        using var trusted = new SshSigningKey();
        using var stranger = new SshSigningKey("stranger");
        await using var h = new AgentHarness(emulator.Server);
        h.TrustedKeys = TrustedKeyFiles.Write(h.Data.Sub("keys"), trusted);
        var good = h.Repo.CopyFrom("shop", "shop").Commit("shop", signer: trusted);
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, good));
        await h.WaitConvergedAsync(good);
        var price = Coffee(h);

        // What a compromised hub or broker would send: a revision of the right repository that nobody trusted signed.
        var foreign = h.Repo.Write("shop/base/menu.yaml", TestData.Read("changes", "menu-new-price.yaml")).Commit("new price", signer: stranger);
        h.SetDesired(h.Desired(2, foreign));

        await h.WaitForStatusAsync(s => s.Reason == Reasons.UntrustedRevision, "the foreign revision is refused");
        var status = h.Status()!;
        Assert.Equal((Phase.Failed, foreign, good), (status.Phase, status.DesiredRevision, status.AppliedRevision));
        var refused = Assert.Single(h.Journal, e => e.Kind == JournalEventKinds.UntrustedRevision);
        Assert.Equal(foreign, refused.Revision);
        Assert.Contains($"is signed by SSH key {stranger.Fingerprint}, which is not in the allowed signers file", refused.Detail);
        Assert.Equal(price, Coffee(h));
        Assert.NotEqual(Price, Coffee(h));

        // The store keeps enforcing what it ran: a deleted object comes back from the trusted revision.
        h.Cluster.Delete("v1", "ConfigMap", "shop", "menu");
        await Eventually.UntilAsync(() => h.Cluster.Get("v1", "ConfigMap", "shop", "menu") is not null,
            "the retry puts the menu of the trusted revision back", advance: h.Time, step: TimeSpan.FromSeconds(5));
        Assert.Equal(price, Coffee(h));
        Assert.Equal(Reasons.UntrustedRevision, h.Status()!.Reason);
    }

    [Fact]
    public async Task TheAgentFetchesOnlyFromItsConfiguredSourceNeverFromTheUrlADesiredMessageNames()
    {
        await using var h = new AgentHarness(emulator.Server);
        using var elsewhere = new GitRepo();
        h.Repo.CopyFrom("shop", "shop").Commit("shop");
        var planted = elsewhere.CopyFrom("shop", "shop").Write("shop/base/menu.yaml", TestData.Read("changes", "menu-new-price.yaml")).Commit("planted");
        await h.StartAgentAsync();

        h.SetDesired(h.Desired(1, planted) with { Source = new SourceRef(elsewhere.Url, elsewhere.Branch) });

        await h.WaitForStatusAsync(s => s.Reason == Reasons.SourceUnavailable, "the planted revision cannot be found");
        Assert.Contains($"is not on any branch or tag of {h.Repo.Url}", h.Status()!.Message);
        Assert.False(h.Agent!.Services.GetRequiredService<IGitCache>().Has(planted));
        Assert.Null(h.Cluster.Get("v1", "ConfigMap", "shop", "menu"));
    }

    private static string? Coffee(AgentHarness h) => h.Cluster.Get("v1", "ConfigMap", "shop", "menu")?["data"]?["coffee"]?.GetValue<string>();
}
