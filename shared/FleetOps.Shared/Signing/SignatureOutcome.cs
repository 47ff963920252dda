namespace FleetOps.Shared.Signing;

/// <summary>What checking a commit's signature found.</summary>
public enum SignatureOutcome
{
    /// <summary>Signed by one of the trusted keys, and the signature matches the commit.</summary>
    Trusted,

    /// <summary>The commit carries no signature.</summary>
    Unsigned,

    /// <summary>Signed, but by a key that is not trusted (or of a kind no key is configured for).</summary>
    UntrustedKey,

    /// <summary>The signature does not match the commit, or its key expired or was revoked, or it is not a signature at all.</summary>
    BadSignature,

    /// <summary>The check itself failed (a tool missing or too slow, a key file unreadable): ask again later.</summary>
    Unverifiable,
}
