namespace FleetOps.Shared.Signing;

/// <summary>
/// A commit's signature as git stores it (the armored <c>gpgsig</c> header) and the bytes it signs (the
/// commit object without that header), as libgit2's <c>git_commit_extract_signature</c> gives them.
/// </summary>
public sealed record CommitSignature(string Armored, byte[] SignedData);
