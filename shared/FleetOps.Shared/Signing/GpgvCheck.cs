using FleetOps.Shared.Processes;

namespace FleetOps.Shared.Signing;

/// <summary>
/// Checks an OpenPGP signature with gpgv against a keyring that holds only the trusted keys (as apt does);
/// without trusted OpenPGP keys the keyring is empty, and gpgv still names the signing key.
/// </summary>
internal static class GpgvCheck
{
    public static async Task<SignatureVerdict> RunAsync(string? keysFile, ScratchFolder folder, string signature, string data,
        VerificationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        byte[] keyring;
        try
        {
            keyring = keysFile is null ? [] : OpenPgpKeyring.Read(keysFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return SignatureVerdict.Unverifiable("an OpenPGP key", $"the trusted OpenPGP keys in '{keysFile}' cannot be read: {e.Message}");
        }
        var keyringFile = folder.Write("trusted.gpg", keyring);
        string[] arguments = ["--homedir", folder.Path, "--keyring", keyringFile, "--status-fd", "1", signature, data];
        var run = await ChildProcess.RunAsync(options.GpgvProgram, arguments, folder.Path, input: null, options.Timeout, time, cancellationToken).ConfigureAwait(false);
        if (run.StartError is not null)
            return SignatureVerdict.Unverifiable("an OpenPGP key", $"'{options.GpgvProgram}' cannot be started ({run.StartError}): install gpgv (Debian: gpgv)");
        if (run.TimedOut)
            return SignatureVerdict.Unverifiable("an OpenPGP key", $"gpgv did not finish within {options.Timeout.TotalSeconds:0.#} s");
        var verdict = GpgStatus.Judge(run.ExitCode, run.Output, run.Errors);
        return verdict.Outcome == SignatureOutcome.UntrustedKey && keysFile is null
            ? SignatureVerdict.Untrusted(verdict.Signer, "and no OpenPGP key is trusted")
            : verdict;
    }
}
