using System.Text;

namespace FleetOps.Shared.Signing;

/// <summary>
/// Checks commit signatures with the tools git itself uses: gpgv for OpenPGP (a keyring of exactly the
/// trusted keys) and ssh-keygen for SSH (git's allowed-signers file). What kind a signature is, is read
/// from its armor, as git does. Tool calls have a deadline; a failed call is
/// <see cref="SignatureOutcome.Unverifiable"/>, never trusted.
/// </summary>
public sealed class CommitVerifier(TrustedKeys keys, VerificationOptions options, TimeProvider time) : ICommitVerifier
{
    private const string OpenPgpArmor = "-----BEGIN PGP SIGNATURE-----";
    private const string SshArmor = "-----BEGIN SSH SIGNATURE-----";
    private const string X509Armor = "-----BEGIN SIGNED MESSAGE-----";

    public TrustedKeys Keys { get; } = keys;

    public bool Enabled => !Keys.IsEmpty;

    public async Task<SignatureVerdict> VerifyAsync(CommitSignature? signature, CancellationToken cancellationToken)
    {
        if (signature is null)
            return SignatureVerdict.Unsigned;
        var armored = signature.Armored.TrimStart();
        if (armored.StartsWith(X509Armor, StringComparison.Ordinal))
            return SignatureVerdict.Untrusted("an X.509 certificate", "and X.509 signatures are not supported: sign with an OpenPGP or SSH key");
        if (!armored.StartsWith(OpenPgpArmor, StringComparison.Ordinal) && !armored.StartsWith(SshArmor, StringComparison.Ordinal))
            return SignatureVerdict.Bad("an unknown kind of signature", "FleetOps reads only OpenPGP and SSH signatures");

        ScratchFolder folder;
        try
        {
            folder = ScratchFolder.Create(options.ScratchDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SignatureVerdict.Unverifiable("a key", $"no scratch folder in '{options.ScratchDirectory}': {e.Message}");
        }
        using (folder)
        {
            var signatureFile = folder.Write("commit.sig", Encoding.UTF8.GetBytes(armored.EndsWith('\n') ? armored : armored + "\n"));
            if (armored.StartsWith(SshArmor, StringComparison.Ordinal))
                return await SshSignatureCheck.RunAsync(Keys.AllowedSignersFile, folder, signatureFile, signature.SignedData, options, time, cancellationToken).ConfigureAwait(false);
            var dataFile = folder.Write("commit.data", signature.SignedData);
            return await GpgvCheck.RunAsync(Keys.OpenPgpKeysFile, folder, signatureFile, dataFile, options, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
