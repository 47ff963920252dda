using FleetOps.Testing.Files;

namespace FleetOps.Testing.Signing;

/// <summary>A fresh ed25519 SSH key without a passphrase (<c>ssh-keygen -t ed25519 -N ''</c>) in a temp folder of its own.</summary>
public sealed class SshSigningKey : ICommitSigner, IDisposable
{
    private readonly TempDir folder = new("fleetops-ssh-key");

    public SshSigningKey(string comment = "fleetops-test")
    {
        PrivateKeyPath = folder.Sub("id_ed25519");
        Tool.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", PrivateKeyPath]);
        PublicKey = File.ReadAllText(PrivateKeyPath + ".pub").Trim();
        Fingerprint = Tool.Run("ssh-keygen", ["-l", "-f", PrivateKeyPath + ".pub"]).Split(' ')[1];
    }

    public string PrivateKeyPath { get; }

    /// <summary>The public key line: <c>ssh-ed25519 AAAA... comment</c>.</summary>
    public string PublicKey { get; }

    public string Fingerprint { get; }

    public IReadOnlyList<string> GitArguments => ["-c", "gpg.format=ssh", "-c", $"user.signingkey={PrivateKeyPath}"];

    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    /// <summary>Its line in git's allowed-signers format.</summary>
    public string AllowedSignersLine(string principal) => $"{principal} {string.Join(' ', PublicKey.Split(' ').Take(2))}";

    public void Dispose() => folder.Dispose();
}
