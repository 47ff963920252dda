namespace FleetOps.Shared.Signing;

/// <summary>
/// The one seam the hub and the agent check commit signatures through. It never throws for a bad or
/// missing signature and never logs key material: every answer is a <see cref="SignatureVerdict"/>.
/// </summary>
public interface ICommitVerifier
{
    /// <summary>False when no trusted keys are configured: then nothing is verified, and callers take every commit as it is.</summary>
    bool Enabled { get; }

    /// <param name="signature">The commit's signature, or null for an unsigned commit.</param>
    Task<SignatureVerdict> VerifyAsync(CommitSignature? signature, CancellationToken cancellationToken);
}
