using FleetOps.Shared.Contracts;

namespace FleetOps.EdgeAgent.Apply;

/// <summary>The outcome of one apply or prune, passed between reconcile steps and reported.</summary>
public sealed class ChangeSet
{
    private readonly List<ChangeSetEntry> entries = [];

    // Beside each entry, what its write changed (null when unknown or nothing was written): kept apart so an entry
    // stays the plain value Flux's ChangeSetEntry is, compared by subject, action and note.
    private readonly List<ObjectChange?> changes = [];

    public IReadOnlyList<ChangeSetEntry> Entries => entries;

    public void Add(ChangeSetEntry entry, ObjectChange? change = null)
    {
        entries.Add(entry);
        changes.Add(change);
    }

    public void Add(ObjectRef target, ChangeAction action, string? note = null, ObjectChange? change = null) =>
        Add(new ChangeSetEntry(target.Subject, action, note), change);

    public void Append(ChangeSet other)
    {
        entries.AddRange(other.entries);
        changes.AddRange(other.changes);
    }

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

    /// <summary>
    /// The written objects, for a journal detail: "Deployment/pos/api configured; ..." (at most <paramref name="max"/>); the
    /// rest are counted per kind ("and 25 more: 20 ConfigMap, 5 Secret"), so none goes unmentioned.
    /// </summary>
    public string Describe(int max = ObjectChange.MaxObjects)
    {
        var written = entries.Select((e, i) => (Entry: e, Change: changes[i])).Where(w => w.Entry.Action is not ChangeAction.Unchanged).ToList();
        var text = string.Join("; ", written.Take(max).Select(w => Line(w.Entry, w.Change)));
        if (written.Count <= max)
            return text;
        var kinds = written.Skip(max).Select(w => w.Entry).GroupBy(e => e.Subject[..e.Subject.IndexOf('/')])
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        return $"{text}; and {written.Count - max} more: {string.Join(", ", kinds)}";
    }

    // With what changed when it is known: "Deployment/pos/api configured: image api ghcr.io/x/api:2.14 → 2.15".
    private static string Line(ChangeSetEntry e, ObjectChange? change) =>
        change is { Fields.Count: > 0 } ? (e.Note is null ? change.ToString() : $"{change} ({e.Note})") : e.ToString();

    /// <summary>What each write changed, for the journal event beside its detail (the first <see cref="ObjectChange.MaxObjects"/>).</summary>
    public IReadOnlyList<ObjectChange> Changes() => entries
        .Select((e, i) => e.Action is ChangeAction.Unchanged ? null : changes[i])
        .OfType<ObjectChange>().Take(ObjectChange.MaxObjects).ToList();
}
