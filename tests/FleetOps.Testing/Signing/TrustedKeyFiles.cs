using FleetOps.Shared.Signing;

namespace FleetOps.Testing.Signing;

/// <summary>Writes the files a hub or agent reads its trusted keys from: an allowed-signers file and an armored OpenPGP key file.</summary>
public static class TrustedKeyFiles
{
    /// <summary>Trusts exactly these keys; a kind with no key gets no file (null in the result).</summary>
    public static TrustedKeys Write(string folder, params ICommitSigner[] keys)
    {
        Directory.CreateDirectory(folder);
        var ssh = keys.OfType<SshSigningKey>().ToList();
        var gpg = keys.OfType<GpgSigningKey>().ToList();
        string? signers = null, openPgp = null;
        if (ssh.Count > 0)
        {
            signers = Path.Combine(folder, "allowed_signers");
            File.WriteAllLines(signers, ssh.Select((k, i) => k.AllowedSignersLine($"signer-{i}@fleetops.invalid")));
        }
        if (gpg.Count > 0)
        {
            openPgp = Path.Combine(folder, "trusted-keys.asc");
            File.WriteAllText(openPgp, string.Concat(gpg.Select(k => k.ExportPublicKey())));
        }
        return new TrustedKeys(signers, openPgp);
    }
}
