namespace FleetOps.Shared.Contracts;

/// <summary>One group a cluster belongs to: render <see cref="Path"/> at <see cref="Revision"/> (a full commit sha).</summary>
public sealed record DesiredGroup(string Name, string Path, string Revision, string Digest);
