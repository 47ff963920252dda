using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Signing;

/// <summary>gpgv's status lines of every kind, captured from gpgv 2.2 (testdata/signing), and what each means.</summary>
public sealed class GpgStatusTests
{
    private const string Fingerprint = "45679A81DE76BD4798F3BF1B5CCCD73F29B61200";

    private static SignatureVerdict Judge(string fixture, int exitCode) => GpgStatus.Judge(exitCode, TestData.Read("signing", fixture), "");

    [Fact]
    public void AGoodSignatureFromTheKeyringIsTrustedAndNamedByItsPrimaryFingerprint()
    {
        var verdict = Judge("good.status", 0);
        Assert.Equal(SignatureOutcome.Trusted, verdict.Outcome);
        Assert.Equal($"OpenPGP key {Fingerprint}", verdict.Signer);
    }

    [Fact]
    public void AGoodStatusWithAFailingExitCodeIsNotTrusted()
    {
        Assert.False(Judge("good.status", 1).IsTrusted);
    }

    [Fact]
    public void AKeyMissingFromTheKeyringIsAnUntrustedKeyNamedByTheFingerprintGpgvReports()
    {
        var verdict = Judge("no-pubkey.status", 2);
        Assert.Equal(SignatureOutcome.UntrustedKey, verdict.Outcome);
        Assert.Equal($"OpenPGP key {Fingerprint}", verdict.Signer);
        Assert.Contains("not a trusted key", verdict.Detail);
    }

    [Theory]
    [InlineData("bad.status", "does not match the commit")]
    [InlineData("expired-key.status", "expired")]
    [InlineData("revoked-key.status", "revoked")]
    [InlineData("two-signatures.status", "more than one signature")]
    [InlineData("unknown-algorithm.status", "error code 4")]
    [InlineData("no-data.status", "not a valid OpenPGP signature")]
    public void EverySignatureGpgvDoesNotVouchForIsBadAndSaysWhy(string fixture, string why)
    {
        // gpgv exits 0 for an expired or revoked key's valid signature: the status lines, not the exit code, decide.
        var verdict = Judge(fixture, 0);
        Assert.Equal(SignatureOutcome.BadSignature, verdict.Outcome);
        Assert.Contains(why, verdict.Detail);
    }

    [Fact]
    public void NoStatusAtAllIsUnverifiableWithGpgvsOwnError()
    {
        var verdict = GpgStatus.Judge(2, "", "gpgv: keyblock resource '/x/trusted.gpg': No such file or directory\n");
        Assert.Equal(SignatureOutcome.Unverifiable, verdict.Outcome);
        Assert.Contains("keyblock resource", verdict.Detail);
    }
}
