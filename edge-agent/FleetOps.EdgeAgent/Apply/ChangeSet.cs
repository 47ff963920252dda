namespace FleetOps.EdgeAgent.Apply;

/// <summary>The outcome of one apply or prune, passed between reconcile steps and reported.</summary>
public sealed class ChangeSet
{
    private readonly List<ChangeSetEntry> entries = [];

    public IReadOnlyList<ChangeSetEntry> Entries => entries;

    public void Add(ChangeSetEntry entry) => entries.Add(entry);

    public void Add(ObjectRef target, ChangeAction action, string? note = null) => entries.Add(new ChangeSetEntry(target.Subject, action, note));

    public void Append(ChangeSet other) => entries.AddRange(other.entries);

    public IEnumerable<ChangeSetEntry> With(ChangeAction action) => entries.Where(e => e.Action == action);

    public int Count(ChangeAction action) => entries.Count(e => e.Action == action);

    /// <summary>True when something was written: created, configured or deleted.</summary>
    public bool HasWrites => entries.Any(e => e.Action is ChangeAction.Created or ChangeAction.Configured or ChangeAction.Deleted);

    /// <summary>"2 created, 1 configured, 47 unchanged" — for logs and journal details.</summary>
    public string Summary()
    {
        var parts = Enum.GetValues<ChangeAction>()
            .Select(a => (Action: a, N: Count(a)))
            .Where(p => p.N > 0)
            .Select(p => $"{p.N} {p.Action.ToString().ToLowerInvariant()}");
        var text = string.Join(", ", parts);
        return text.Length == 0 ? "nothing" : text;
    }

    /// <summary>The written objects, for a journal detail: "Deployment/pos/api configured; ..." (at most <paramref name="max"/>).</summary>
    public string Describe(int max = 20)
    {
        var written = entries.Where(e => e.Action is not ChangeAction.Unchanged).ToList();
        var text = string.Join("; ", written.Take(max));
        return written.Count > max ? $"{text}; and {written.Count - max} more" : text;
    }
}
