using System.Collections.Concurrent;
using FleetOps.Shared.Signing;

namespace FleetOps.EdgeAgent.Source;

/// <summary>
/// Checks a cached revision's signature against the agent's own trusted keys. A trusted verdict is kept per
/// revision, so periodic runs of the running revision cost no tool call; a refusal is checked again at every
/// retry, so a key added to the store's files (or a tool installed) takes effect without a restart.
/// </summary>
public sealed class RevisionVerifier(IGitCache git, ICommitVerifier verifier)
{
    // Revisions a store meets between restarts are few; the bound only stops a runaway.
    private const int MaxKept = 1024;

    private readonly ConcurrentDictionary<string, SignatureVerdict> verdicts = new(StringComparer.Ordinal);

    public bool Enabled => verifier.Enabled;

    public async Task<SignatureVerdict> VerifyAsync(string revision, CancellationToken cancellationToken)
    {
        if (verdicts.TryGetValue(revision, out var known))
            return known;
        CommitSignature? signature;
        try
        {
            signature = git.ReadSignature(revision);
        }
        catch (SourceUnavailableException e)
        {
            return SignatureVerdict.Unverifiable("a key", e.Message);
        }
        var verdict = await verifier.VerifyAsync(signature, cancellationToken).ConfigureAwait(false);
        if (verdict.IsTrusted)
        {
            if (verdicts.Count >= MaxKept)
                verdicts.Clear();
            verdicts[revision] = verdict;
        }
        return verdict;
    }
}
