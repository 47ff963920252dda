namespace FleetOps.Shared.Signing;

/// <summary>
/// Judges gpgv's machine-readable status lines (<c>--status-fd</c>, GnuPG's doc/DETAILS), never its
/// human text. Trusted needs exit code 0, exactly one GOODSIG and one VALIDSIG, and none of the lines that
/// mean a bad, expired, revoked or uncheckable signature: gpgv trusts every key in the keyring it was
/// given, and that keyring holds only the trusted keys.
/// </summary>
internal static class GpgStatus
{
    private const string Prefix = "[GNUPG:] ";

    // ERRSIG's return code for "no public key" (GPG_ERR_NO_PUBKEY).
    private const string NoPublicKey = "9";

    public static SignatureVerdict Judge(int exitCode, string status, string errors)
    {
        var lines = status.Split('\n')
            .Where(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(l => l[Prefix.Length..].TrimEnd('\r').Split(' '))
            .ToList();
        var signer = Signer(lines);
        int Count(string keyword) => lines.Count(f => f[0] == keyword);
        string? Field(string keyword, int index) => lines.FirstOrDefault(f => f[0] == keyword && f.Length > index)?[index];

        if (Count("NEWSIG") > 1)
            return SignatureVerdict.Bad(signer, "the commit carries more than one signature");
        if (Count("BADSIG") > 0)
            return SignatureVerdict.Bad(signer, "the signature does not match the commit (changed after signing)");
        if (Count("EXPKEYSIG") > 0)
            return SignatureVerdict.Bad(signer, "that key has expired");
        if (Count("REVKEYSIG") > 0)
            return SignatureVerdict.Bad(signer, "that key has been revoked");
        if (Count("EXPSIG") > 0)
            return SignatureVerdict.Bad(signer, "the signature has expired");
        if (Field("ERRSIG", 6) is { } code)
            return code == NoPublicKey
                ? SignatureVerdict.Untrusted(signer, "which is not a trusted key")
                : SignatureVerdict.Bad(signer, $"gpgv cannot check it (error code {code}: an algorithm it does not support?)");
        if (exitCode == 0 && Count("GOODSIG") == 1 && Count("VALIDSIG") == 1)
            return SignatureVerdict.Trusted(signer);
        if (Count("NODATA") > 0)
            return SignatureVerdict.Bad("an OpenPGP signature", "it is not a valid OpenPGP signature");
        return SignatureVerdict.Unverifiable(signer, $"gpgv exited with code {exitCode}: {FirstLine(errors)}");
    }

    /// <summary>The signing key: the primary key's fingerprint when gpgv gives one, else the key id.</summary>
    private static string Signer(List<string[]> lines)
    {
        var valid = lines.FirstOrDefault(f => f[0] == "VALIDSIG");
        if (valid is { Length: > 10 })
            return $"OpenPGP key {valid[10]}";
        if (valid is { Length: > 1 })
            return $"OpenPGP key {valid[1]}";
        var error = lines.FirstOrDefault(f => f[0] == "ERRSIG");
        if (error is { Length: > 7 } && error[7] != "-")
            return $"OpenPGP key {error[7]}";
        var any = lines.FirstOrDefault(f => f[0] is "ERRSIG" or "GOODSIG" or "BADSIG" or "EXPKEYSIG" or "REVKEYSIG" or "EXPSIG" && f.Length > 1);
        return any is null ? "an OpenPGP key" : $"OpenPGP key id {any[1]}";
    }

    internal static string FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(no output)";
}
