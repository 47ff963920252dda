namespace FleetOps.Hub.Definitions;

/// <summary>The hub's seam over the shared label selector: selectors travel as their canonical string form.</summary>
public interface ISelectorMatcher
{
    /// <summary>False with the parser's message when <paramref name="selector"/> is not a valid kubectl-style selector.</summary>
    bool TryValidate(string selector, out string? error);

    bool Matches(string selector, IReadOnlyDictionary<string, string> labels);
}
