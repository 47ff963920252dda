namespace FleetOps.Shared.Contracts;

/// <summary>Where the fleet-config repository lives; the agent fetches revisions from here.</summary>
public sealed record SourceRef(string Url, string Branch);
