using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Signing;

public sealed class TrustedKeysTests
{
    [Fact]
    public void NoFilesMeansNothingIsVerified()
    {
        Assert.True(TrustedKeys.None.IsEmpty);
        Assert.False(new CommitVerifier(TrustedKeys.None, new VerificationOptions(Path.GetTempPath()), TimeProvider.System).Enabled);
    }

    [Fact]
    public void MissingAndEmptyKeyFilesAreReportedEachWithWhatToDo()
    {
        using var dir = new TempDir();
        var empty = dir.Write("allowed_signers", "# nobody yet\n\n");
        var keys = new TrustedKeys(empty, dir.Sub("missing.asc"));

        var problems = keys.Check();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("holds no signer") && p.Contains("ssh-ed25519"));
        Assert.Contains(problems, p => p.Contains("missing.asc") && p.Contains("cannot be read"));
    }

    [Fact]
    public void ItsDescriptionNamesTheFilesNotTheKeys()
    {
        var keys = new TrustedKeys("/etc/fleetops/allowed_signers", "/etc/fleetops/keys.asc");
        Assert.Equal("SSH signers from /etc/fleetops/allowed_signers and OpenPGP keys from /etc/fleetops/keys.asc", keys.ToString());
    }
}
