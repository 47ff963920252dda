using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Reconcile;

/// <summary>
/// What one group should run: its path at a revision, re-checked every interval, with the labels its
/// <c>${cluster.labels.*}</c> read (null: the agent's own). It carries no source: the agent fetches only from its own
/// configured one, whatever repository a desired message names.
/// </summary>
public sealed record GroupTarget(DesiredGroup Group, long Generation, TimeSpan Interval, IReadOnlyDictionary<string, string>? Labels = null)
{
    public string Name => Group.Name;

    /// <summary>The labels as one text: what a render is cached by and a group record remembers.</summary>
    public string? LabelsKey { get; } = Render.LabelsKey.Of(Labels);

    /// <summary>
    /// The hub's labels over the agent's own: the keys the hub selects by win, the agent's fill in the rest. Null when the
    /// hub sent none (an older hub): the agent's own labels, as before.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Merge(IReadOnlyDictionary<string, string> own, IReadOnlyDictionary<string, string>? hub)
    {
        if (hub is null)
            return null;
        var merged = new Dictionary<string, string>(own, StringComparer.Ordinal);
        foreach (var (key, value) in hub)
            merged[key] = value;
        return merged;
    }
}
