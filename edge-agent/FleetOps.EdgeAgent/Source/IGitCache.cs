using FleetOps.Shared.Contracts;
using FleetOps.Shared.Signing;

namespace FleetOps.EdgeAgent.Source;

/// <summary>
/// The local copy of the fleet-config repository. A revision already cached needs no network;
/// a missing one is fetched incrementally. Failures throw <see cref="SourceUnavailableException"/>.
/// </summary>
public interface IGitCache
{
    /// <summary>True when the commit is in the local cache.</summary>
    bool Has(string revision);

    /// <summary>Makes sure the commit is cached, fetching from <paramref name="source"/> only if it is missing.</summary>
    Task EnsureAsync(SourceRef source, string revision, CancellationToken cancellationToken);

    /// <summary>The cached commit's signature and the data it signs; null when it is unsigned.</summary>
    /// <exception cref="SourceUnavailableException">The commit is not in the cache.</exception>
    CommitSignature? ReadSignature(string revision);

    /// <summary>Writes the whole tree at <paramref name="revision"/> into a new temporary folder, removed on dispose.</summary>
    Task<MaterializedTree> MaterializeAsync(string revision, CancellationToken cancellationToken);
}
