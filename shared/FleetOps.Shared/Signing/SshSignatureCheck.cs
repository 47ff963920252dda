using System.Text.RegularExpressions;
using FleetOps.Shared.Processes;

namespace FleetOps.Shared.Signing;

/// <summary>
/// Checks an SSH signature the way git does: <c>ssh-keygen -Y find-principals</c> names who may have signed
/// it from the allowed-signers file, <c>-Y verify</c> checks it for that principal in git's namespace,
/// and <c>-Y check-novalidate</c> names the key of a signature nobody trusts.
/// </summary>
internal static partial class SshSignatureCheck
{
    private const string Namespace = "git";

    // A signature lists one principal per matching line of the file; more would be a strange file.
    private const int MaxPrincipals = 8;

    public static async Task<SignatureVerdict> RunAsync(string? allowedSigners, ScratchFolder folder, string signature, byte[] data,
        VerificationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ChildProcessRun? found = null;
        if (allowedSigners is not null)
        {
            if (!File.Exists(allowedSigners))
                return SignatureVerdict.Unverifiable("an SSH key", $"the allowed signers file '{allowedSigners}' does not exist");
            found = await SshKeygen(["-Y", "find-principals", "-f", allowedSigners, "-s", signature], null);
            if (Failure(found) is { } failed)
                return failed;
            if (found.ExitCode == 0)
            {
                foreach (var principal in found.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(MaxPrincipals))
                {
                    var verified = await SshKeygen(["-Y", "verify", "-f", allowedSigners, "-I", principal, "-n", Namespace, "-s", signature], data);
                    if (Failure(verified) is { } broken)
                        return broken;
                    if (verified.ExitCode == 0)
                        return SignatureVerdict.Trusted($"{principal} (SSH key {Fingerprint(verified) ?? "?"})");
                }
            }
        }
        var check = await SshKeygen(["-Y", "check-novalidate", "-n", Namespace, "-s", signature], data);
        if (Failure(check) is { } uncheckable)
            return uncheckable;
        if (check.ExitCode != 0)
            return SignatureVerdict.Bad("an SSH key", $"the signature does not match the commit: {GpgStatus.FirstLine(check.Errors + check.Output)}");
        var signer = $"SSH key {Fingerprint(check) ?? "?"}";
        // A key the file trusts whose signature still failed -Y verify: signed for another namespace, or outside its validity.
        return found is { ExitCode: 0 }
            ? SignatureVerdict.Bad(signer, "the allowed signers file does not allow it for git commits now (namespaces, valid-after, valid-before)")
            : SignatureVerdict.Untrusted(signer, allowedSigners is null ? "and no SSH signer is trusted" : "which is not in the allowed signers file");

        Task<ChildProcessRun> SshKeygen(string[] arguments, byte[]? input) =>
            ChildProcess.RunAsync(options.SshKeygenProgram, arguments, folder.Path, input, options.Timeout, time, cancellationToken);

        SignatureVerdict? Failure(ChildProcessRun r) =>
            r.StartError is not null
                ? SignatureVerdict.Unverifiable("an SSH key", $"'{options.SshKeygenProgram}' cannot be started ({r.StartError}): install OpenSSH's ssh-keygen (Debian: openssh-client)")
                : r.TimedOut
                    ? SignatureVerdict.Unverifiable("an SSH key", $"ssh-keygen did not finish within {options.Timeout.TotalSeconds:0.#} s")
                    : null;
    }

    private static string? Fingerprint(ChildProcessRun run) =>
        FingerprintPattern().Match(run.Errors + "\n" + run.Output) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"key (SHA256:[A-Za-z0-9+/=]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintPattern();
}
