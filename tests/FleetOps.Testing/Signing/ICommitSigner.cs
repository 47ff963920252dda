namespace FleetOps.Testing.Signing;

/// <summary>A key that <c>git commit -S</c> can sign with: the git settings and environment it needs.</summary>
public interface ICommitSigner
{
    /// <summary><c>-c key=value</c> pairs for git (gpg.format, user.signingkey, ...).</summary>
    IReadOnlyList<string> GitArguments { get; }

    /// <summary>Environment git needs to reach the key (GNUPGHOME for an OpenPGP key).</summary>
    IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>How FleetOps names this key in a verdict: <c>SHA256:...</c> for SSH, the fingerprint for OpenPGP.</summary>
    string Fingerprint { get; }
}
