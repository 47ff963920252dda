using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;
using FleetOps.Testing.Cli;
using FleetOps.Testing.Files;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Signing;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>
/// A hub with trusted keys takes a head only when it is signed by one of them: real commits signed by git with
/// keys made for each test, checked by the real gpgv and ssh-keygen.
/// </summary>
public sealed class SignedCommitTests : IDisposable
{
    private readonly TempDir keysDir = new();

    private Task<HubScenario> StartTrustingAsync(ICommitSigner firstSigner, params ICommitSigner[] trusted)
    {
        var keys = TrustedKeyFiles.Write(keysDir.Path, trusted);
        return StartAsync(signer: firstSigner, hub: o => o with
        {
            Settings = new Dictionary<string, string?>
            {
                ["Hub:Source:AllowedSignersFile"] = keys.AllowedSignersFile,
                ["Hub:Source:OpenPgpKeysFile"] = keys.OpenPgpKeysFile,
            },
        });
    }

    [Fact]
    public async Task ACommitSignedByATrustedKeyIsRolledOutAsAnyCommitWouldBe()
    {
        using var key = new SshSigningKey();
        await using var scenario = await StartTrustingAsync(key, key);
        var east = await scenario.AddAgentAsync("store-signed-1", Labels(("region", "east")));
        var first = scenario.Repository.Head;
        Assert.Equal(first, (await scenario.Hub.Client.GetFleetAsync(default)).Commit?.Sha);

        scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-region-v2.yaml");
        var second = scenario.Repository.Commit("East: new tax rate");
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        Assert.Empty(refresh.Errors);
        Assert.Equal(["pos-east"], refresh.MovedGroups);
        await east.WaitForDesiredAsync(d => d.Groups.Any(g => g.Name == "pos-east" && g.Revision == second), "east receives the signed commit");
    }

    [Fact]
    public async Task AnUnsignedCommitIsRefusedAsUntrustedCommitAndThePreviousTargetsStayUntilASignedOneArrives()
    {
        using var key = new SshSigningKey();
        await using var scenario = await StartTrustingAsync(key, key);
        var east = await scenario.AddAgentAsync("store-signed-2", Labels(("region", "east")));
        var good = scenario.Repository.Head;
        await east.WaitForDesiredAsync(d => d.Groups.Count == 2, "east has its groups");

        scenario.Repository.WriteFromTestData("apps/pos/overlays/east/region.yaml", "changes/east-region-v2.yaml");
        scenario.Repository.Signer = null;
        var unsigned = scenario.Repository.Commit("East: new tax rate, unsigned");
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        var error = Assert.Single(refresh.Errors);
        Assert.Equal((FleetErrorKinds.UntrustedCommit, unsigned), (error.Kind, error.Commit));
        Assert.Equal($"commit {Revisions.Short(unsigned)} is not signed", error.Message);
        Assert.Empty(refresh.MovedGroups);
        var fleet = await scenario.Hub.Client.GetFleetAsync(default);
        Assert.Equal(good, fleet.Commit!.Sha);
        Assert.All(fleet.Groups, g => Assert.Equal(good, g.Target!.Commit.Sha));

        var status = await CliRunner.RunAsync(CliRunner.Environment(scenario.Hub), "status");
        Assert.Contains($"commit {Revisions.Short(unsigned)} is not signed", status.Stdout);
        Assert.Contains($"UntrustedCommit: refused at {Revisions.Short(unsigned)}", status.Stdout);
        Assert.Contains($"the hub keeps the targets of {Revisions.Short(good)}", status.Stdout);

        // The fix is a signed commit on top: it is taken, the error goes, and the unsigned revision never reached a store.
        scenario.Repository.Signer = key;
        var signed = scenario.Repository.Commit("East: new tax rate, signed");
        var fixedUp = await scenario.Hub.Client.RefreshAsync(default);
        Assert.Empty(fixedUp.Errors);
        Assert.Equal(["pos-east"], fixedUp.MovedGroups);
        await east.WaitForDesiredAsync(d => d.Groups.Any(g => g.Revision == signed), "east receives the signed commit");
        Assert.DoesNotContain(east.DesiredReceived, d => d.Groups.Any(g => g.Revision == unsigned));
    }

    [Fact]
    public async Task ACommitSignedByAnUnknownKeyIsRefusedNamingThatKeysFingerprint()
    {
        using var trusted = new GpgSigningKey();
        using var stranger = new GpgSigningKey("Stranger <stranger@fleetops.invalid>");
        await using var scenario = await StartTrustingAsync(trusted, trusted);
        var good = scenario.Repository.Head;

        scenario.Repository.WriteFromTestData("platform/namespace.yaml", "changes/platform-namespace-v2.yaml");
        var foreign = scenario.Repository.Commit("Platform change by a stranger", signer: stranger);
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        var error = Assert.Single(refresh.Errors);
        Assert.Equal(FleetErrorKinds.UntrustedCommit, error.Kind);
        Assert.Equal($"commit {Revisions.Short(foreign)} is signed by OpenPGP key {stranger.Fingerprint}, which is not a trusted key", error.Message);
        Assert.Equal(good, (await scenario.Hub.Client.GetFleetAsync(default)).Commit!.Sha);
    }

    [Fact]
    public async Task ARefusedHeadIsCheckedAgainAtTheNextPollSoTrustingItsKeyNeedsNoNewCommit()
    {
        using var trusted = new SshSigningKey();
        using var newcomer = new SshSigningKey("newcomer");
        await using var scenario = await StartTrustingAsync(trusted, trusted);
        scenario.Repository.WriteFromTestData("platform/namespace.yaml", "changes/platform-namespace-v2.yaml");
        var head = scenario.Repository.Commit("Platform change by a new team member", signer: newcomer);
        Assert.Equal(FleetErrorKinds.UntrustedCommit, Assert.Single((await scenario.Hub.Client.RefreshAsync(default)).Errors).Kind);

        // Key rotation: the operator adds the newcomer to the allowed signers file the hub already reads.
        TrustedKeyFiles.Write(keysDir.Path, trusted, newcomer);
        var refresh = await scenario.Hub.Client.RefreshAsync(default);

        Assert.Empty(refresh.Errors);
        Assert.Equal(["platform"], refresh.MovedGroups);
        Assert.Equal(head, (await scenario.Hub.Client.GetFleetAsync(default)).Commit!.Sha);
    }

    [Fact]
    public async Task AMissingKeysFileRefusesEveryHeadAsUnverifiableInsteadOfTrustingIt()
    {
        using var key = new SshSigningKey();
        await using var scenario = await StartAsync(signer: key, hub: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Hub:Source:AllowedSignersFile"] = keysDir.Sub("no-such-file") },
        });

        var fleet = await scenario.Hub.Client.GetFleetAsync(default);

        Assert.Null(fleet.Commit);
        var error = Assert.Single(fleet.Errors);
        Assert.Equal(FleetErrorKinds.UntrustedCommit, error.Kind);
        Assert.Contains("could not be verified", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    public void Dispose() => keysDir.Dispose();
}
