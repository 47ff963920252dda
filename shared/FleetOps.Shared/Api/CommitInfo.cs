namespace FleetOps.Shared.Api;

/// <summary>A commit of the fleet-config repository as operators read it: full sha, first line of the message, commit time.</summary>
public sealed record CommitInfo(string Sha, string Subject, DateTimeOffset Time);
