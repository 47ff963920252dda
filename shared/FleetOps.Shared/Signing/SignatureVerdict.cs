namespace FleetOps.Shared.Signing;

/// <summary>
/// The outcome of checking one commit's signature. <see cref="Signer"/> names the key (an OpenPGP
/// fingerprint or key id, an SSH key's SHA256 fingerprint, with the trusted principal when known) or says
/// "unsigned"; <see cref="Detail"/> reads after "commit 3f2a1c9 ": "is signed by SSH key SHA256:..., which is
/// not a trusted key".
/// </summary>
public sealed record SignatureVerdict(SignatureOutcome Outcome, string Signer, string Detail)
{
    public const string UnsignedSigner = "unsigned";

    public static readonly SignatureVerdict Unsigned = new(SignatureOutcome.Unsigned, UnsignedSigner, "is not signed");

    public bool IsTrusted => Outcome == SignatureOutcome.Trusted;

    public static SignatureVerdict Trusted(string signer) => new(SignatureOutcome.Trusted, signer, $"is signed by {signer}");

    public static SignatureVerdict Untrusted(string signer, string why) => new(SignatureOutcome.UntrustedKey, signer, $"is signed by {signer}, {why}");

    public static SignatureVerdict Bad(string signer, string why) => new(SignatureOutcome.BadSignature, signer, $"is signed by {signer}, but {why}");

    public static SignatureVerdict Unverifiable(string signer, string why) => new(SignatureOutcome.Unverifiable, signer, $"could not be verified: {why}");
}
