using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Signing;

namespace FleetOps.Shared.Tests.Signing;

/// <summary>Real commits signed by git with keys made for each test, checked by the real gpgv and ssh-keygen.</summary>
public sealed class CommitVerifierTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly GitRepo repo = new();

    private CommitVerifier Verifier(TrustedKeys keys, VerificationOptions? options = null) =>
        new(keys, options ?? new VerificationOptions(dir.Sub("scratch")), TimeProvider.System);

    private TrustedKeys Trust(params ICommitSigner[] keys) => TrustedKeyFiles.Write(dir.Sub("keys"), keys);

    private string Commit(ICommitSigner? signer, string content = "v1")
    {
        repo.Write("app/config.yaml", $"version: {content}\n");
        return repo.Commit($"config {content}", signer: signer);
    }

    private Task<SignatureVerdict> VerifyAsync(ICommitVerifier verifier, string sha) => verifier.VerifyAsync(repo.SignatureOf(sha), CancellationToken.None);

    [Fact]
    public async Task ACommitSignedByATrustedSshKeyIsTrustedAndNamesItsPrincipalAndFingerprint()
    {
        using var key = new SshSigningKey();
        var verdict = await VerifyAsync(Verifier(Trust(key)), Commit(key));

        Assert.Equal(SignatureOutcome.Trusted, verdict.Outcome);
        Assert.Equal($"signer-0@fleetops.invalid (SSH key {key.Fingerprint})", verdict.Signer);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACommitSignedByATrustedOpenPgpKeyIsTrustedWhetherTheKeyFileIsArmoredOrBinary(bool armored)
    {
        using var key = new GpgSigningKey();
        var keys = Trust(key);
        if (!armored)
            File.WriteAllBytes(keys.OpenPgpKeysFile!, key.ExportBinary());

        var verdict = await VerifyAsync(Verifier(keys), Commit(key));

        Assert.Equal(SignatureOutcome.Trusted, verdict.Outcome);
        Assert.Equal($"OpenPGP key {key.Fingerprint}", verdict.Signer);
    }

    [Fact]
    public async Task AnUnsignedCommitIsUnsigned()
    {
        using var key = new SshSigningKey();
        var verdict = await VerifyAsync(Verifier(Trust(key)), Commit(signer: null));

        Assert.Equal(SignatureOutcome.Unsigned, verdict.Outcome);
        Assert.Equal("unsigned", verdict.Signer);
    }

    [Fact]
    public async Task ACommitSignedByAnUnknownSshKeyIsUntrustedAndNamesThatKey()
    {
        using var trusted = new SshSigningKey();
        using var stranger = new SshSigningKey("stranger");
        var verdict = await VerifyAsync(Verifier(Trust(trusted)), Commit(stranger));

        Assert.Equal(SignatureOutcome.UntrustedKey, verdict.Outcome);
        Assert.Equal($"SSH key {stranger.Fingerprint}", verdict.Signer);
        Assert.Contains("not in the allowed signers file", verdict.Detail);
    }

    [Fact]
    public async Task ACommitSignedByAnUnknownOpenPgpKeyIsUntrustedAndNamesItsFingerprint()
    {
        using var trusted = new GpgSigningKey();
        using var stranger = new GpgSigningKey("Stranger <stranger@fleetops.invalid>");
        var verdict = await VerifyAsync(Verifier(Trust(trusted)), Commit(stranger));

        Assert.Equal(SignatureOutcome.UntrustedKey, verdict.Outcome);
        Assert.Equal($"OpenPGP key {stranger.Fingerprint}", verdict.Signer);
    }

    [Fact]
    public async Task ASignatureOfAKindNoKeyIsConfiguredForIsUntrustedAndStillNamesItsKey()
    {
        using var gpg = new GpgSigningKey();
        using var ssh = new SshSigningKey();

        var sshOnly = await VerifyAsync(Verifier(Trust(ssh)), Commit(gpg, "gpg"));
        var gpgOnly = await VerifyAsync(Verifier(Trust(gpg)), Commit(ssh, "ssh"));

        Assert.Equal((SignatureOutcome.UntrustedKey, $"OpenPGP key {gpg.Fingerprint}"), (sshOnly.Outcome, sshOnly.Signer));
        Assert.Equal((SignatureOutcome.UntrustedKey, $"SSH key {ssh.Fingerprint}"), (gpgOnly.Outcome, gpgOnly.Signer));
    }

    [Fact]
    public async Task ATrustedSignatureOverForgedCommitDataIsBad()
    {
        using var ssh = new SshSigningKey();
        using var gpg = new GpgSigningKey();
        var verifier = Verifier(Trust(ssh, gpg));
        var forged = System.Text.Encoding.UTF8.GetBytes($"tree {new string('0', 40)}\nauthor x <x@x> 0 +0000\n\nforged\n");

        var sshVerdict = await verifier.VerifyAsync(repo.SignatureOf(Commit(ssh, "ssh"))! with { SignedData = forged }, CancellationToken.None);
        var gpgVerdict = await verifier.VerifyAsync(repo.SignatureOf(Commit(gpg, "gpg"))! with { SignedData = forged }, CancellationToken.None);

        Assert.Equal(SignatureOutcome.BadSignature, sshVerdict.Outcome);
        Assert.Equal(SignatureOutcome.BadSignature, gpgVerdict.Outcome);
        Assert.Contains("does not match the commit", gpgVerdict.Detail);
        Assert.Contains("does not match the commit", sshVerdict.Detail);
    }

    [Fact]
    public async Task AMissingToolMakesACommitUnverifiableNeverTrusted()
    {
        using var key = new SshSigningKey();
        var options = new VerificationOptions(dir.Sub("scratch")) { SshKeygenProgram = "/nonexistent/ssh-keygen", GpgvProgram = "/nonexistent/gpgv" };
        var verdict = await VerifyAsync(Verifier(Trust(key), options), Commit(key));

        Assert.Equal(SignatureOutcome.Unverifiable, verdict.Outcome);
        Assert.Contains("cannot be started", verdict.Detail);
    }

    [Fact]
    public async Task ScratchFilesAreRemovedAfterEachCheck()
    {
        using var key = new GpgSigningKey();
        await VerifyAsync(Verifier(Trust(key)), Commit(key));

        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Sub("scratch")));
    }

    [Fact]
    public async Task VerdictsAgreeWithGitVerifyCommitForTheSameAllowedSigners()
    {
        using var trusted = new SshSigningKey();
        using var stranger = new SshSigningKey("stranger");
        var keys = Trust(trusted);
        var verifier = Verifier(keys);
        var commits = new[] { Commit(trusted, "a"), Commit(stranger, "b"), Commit(null, "c") };

        foreach (var sha in commits)
        {
            var ours = (await VerifyAsync(verifier, sha)).IsTrusted;
            Assert.Equal(GitVerifyCommit(keys.AllowedSignersFile!, sha), ours);
        }
    }

    private bool GitVerifyCommit(string allowedSigners, string sha)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", ["-C", repo.Path, "-c", $"gpg.ssh.allowedSignersFile={allowedSigners}", "verify-commit", sha])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    public void Dispose()
    {
        repo.Dispose();
        dir.Dispose();
    }
}
