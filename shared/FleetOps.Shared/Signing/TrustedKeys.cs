namespace FleetOps.Shared.Signing;

/// <summary>
/// The keys a commit may be signed with: SSH keys in git's allowed-signers format
/// (<c>ops@example.com ssh-ed25519 AAAA...</c>) and OpenPGP public keys (armored or binary, several in one
/// file). The files are read at every verification, so replacing one rotates keys without a restart.
/// With neither, nothing is verified.
/// </summary>
public sealed record TrustedKeys(string? AllowedSignersFile = null, string? OpenPgpKeysFile = null)
{
    public static readonly TrustedKeys None = new();

    public bool IsEmpty => AllowedSignersFile is null && OpenPgpKeysFile is null;

    /// <summary>What is wrong with the files as they are now (missing, unreadable, holding no key), one sentence each.</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (AllowedSignersFile is { } signers)
        {
            try
            {
                if (AllowedSigners.CountEntries(File.ReadAllText(signers)) == 0)
                    problems.Add($"allowed signers file '{signers}' holds no signer: one line per key, 'principal ssh-ed25519 AAAA...'");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"allowed signers file '{signers}' cannot be read: {e.Message}");
            }
        }
        if (OpenPgpKeysFile is { } keys)
        {
            try
            {
                if (OpenPgpKeyring.Read(keys).Length == 0)
                    problems.Add($"OpenPGP keys file '{keys}' holds no key: export it with 'gpg --armor --export KEYID'");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                problems.Add($"OpenPGP keys file '{keys}' cannot be read: {e.Message}");
            }
        }
        return problems;
    }

    /// <summary>Where the keys come from, for the start log; never the keys themselves.</summary>
    public override string ToString() =>
        IsEmpty
            ? "no trusted keys"
            : string.Join(" and ", new[]
            {
                AllowedSignersFile is null ? null : $"SSH signers from {AllowedSignersFile}",
                OpenPgpKeysFile is null ? null : $"OpenPGP keys from {OpenPgpKeysFile}",
            }.OfType<string>());
}
