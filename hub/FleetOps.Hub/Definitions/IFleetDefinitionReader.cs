namespace FleetOps.Hub.Definitions;

/// <summary>The hub's seam over the shared fleet.yaml parser.</summary>
public interface IFleetDefinitionReader
{
    /// <summary>Parses and validates fleet.yaml text; never throws for bad input.</summary>
    DefinitionResult Parse(string yaml, string fileName);

    /// <summary>The candidate closest to <paramref name="wanted"/>, for "did you mean" hints; null when none is close.</summary>
    string? Suggest(string wanted, IEnumerable<string> candidates);
}
