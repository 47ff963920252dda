using System.Collections.Concurrent;
using FleetOps.Shared.Signing;

namespace FleetOps.EdgeAgent.Source;

/// <summary>
/// Checks a cached revision's signature against the agent's own trusted keys. A definite verdict is kept per
/// revision (the keys are fixed for the process's life), so periodic runs cost no tool call; a check that
/// failed (a tool missing or too slow) is asked again next time.
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
        if (verdict.IsFinal)
        {
            if (verdicts.Count >= MaxKept)
                verdicts.Clear();
            verdicts[revision] = verdict;
        }
        return verdict;
    }
}
