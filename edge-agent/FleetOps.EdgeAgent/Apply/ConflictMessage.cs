namespace FleetOps.EdgeAgent.Apply;

/// <summary>
/// A Conflict said once per owning group, not once per object: "25 objects belong to group 'platform'
/// (Deployment/store-platform/mqtt-bridge, and 24 more)". A group that duplicates another's folder claims every
/// object of it, and one line each buried the store's status under dozens of wrapped lines.
/// </summary>
internal static class ConflictMessage
{
    public static string Describe(IEnumerable<(string Subject, string Owner)> claimed) =>
        "nothing applied: " + string.Join("; ", claimed
            .GroupBy(c => c.Owner, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Count() == 1
                ? $"{g.First().Subject} belongs to group '{g.Key}'"
                : $"{g.Count()} objects belong to group '{g.Key}' ({g.First().Subject}, and {g.Count() - 1} more)"));
}
