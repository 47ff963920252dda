namespace FleetOps.Shared.Contracts;

/// <summary>An object that is not healthy, named as <c>Kind/namespace/name</c> (or <c>Kind/name</c>).</summary>
public sealed record UnhealthyObject(string Subject, string Message);
