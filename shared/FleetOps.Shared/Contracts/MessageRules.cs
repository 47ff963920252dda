namespace FleetOps.Shared.Contracts;

/// <summary>
/// What a well-formed message must also satisfy beyond its JSON shape. Each check returns the first
/// broken rule as a sentence, or null.
/// </summary>
internal static class MessageRules
{
    public static string? Check(DesiredMessage m)
    {
        if (m.Generation < 0)
            return $"generation must not be negative (got {m.Generation})";
        if (m.ReconcileIntervalSeconds <= 0)
            return $"reconcileIntervalSeconds must be positive (got {m.ReconcileIntervalSeconds})";
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < m.Groups.Count; i++)
        {
            var g = m.Groups[i];
            if (string.IsNullOrWhiteSpace(g.Name))
                return $"groups[{i}].name must not be empty";
            if (!names.Add(g.Name))
                return $"groups[{i}]: group '{g.Name}' is listed twice";
            if (!Revisions.IsFullSha(g.Revision))
                return $"groups[{i}] '{g.Name}': revision '{g.Revision}' is not a full commit sha";
            if (g.Path.StartsWith('/') || g.Path.Split('/').Contains(".."))
                return $"groups[{i}] '{g.Name}': path '{g.Path}' must be relative and stay inside the repository";
            if (g.Note is { Length: > DesiredGroup.MaxNote })
                return $"groups[{i}] '{g.Name}': note is longer than {DesiredGroup.MaxNote} characters";
            if (g.Window is not null && WindowFormat.Check(g.Window) is { } window)
                return $"groups[{i}] '{g.Name}': window: {window}";
        }
        return null;
    }

    /// <summary>
    /// The largest generation or journal seq an agent may report: 2^52, exact in every JSON reader, more than a
    /// store could use in a million years at a thousand a second, and far enough below long.MaxValue that the
    /// hub's "one above the agent's" can never overflow into a negative generation.
    /// </summary>
    public const long MaxCounter = 1L << 52;

    public static string? Check(HelloMessage m) =>
        m.Generation is < 0 or > MaxCounter ? $"generation must be between 0 and {MaxCounter} (got {m.Generation})"
        : m.LastJournalSeq is < 0 or > MaxCounter ? $"lastJournalSeq must be between 0 and {MaxCounter} (got {m.LastJournalSeq})"
        : m.AckedJournalSeq is { } acked && (acked < 0 || acked > m.LastJournalSeq)
            ? $"ackedJournalSeq must be between 0 and lastJournalSeq {m.LastJournalSeq} (got {acked})"
        : m.Renderer is { Length: > MaxRendererLength } ? $"renderer must be at most {MaxRendererLength} characters (got {m.Renderer.Length})"
        : null;

    /// <summary>A tool and two versions, or one line on why there is none; never a report.</summary>
    public const int MaxRendererLength = 500;

    public static string? Check(StatusMessage m)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < m.Groups.Count; i++)
        {
            var g = m.Groups[i];
            if (!names.Add(g.Name))
                return $"groups[{i}]: group '{g.Name}' is listed twice";
            if (g.Phase is Phase.Offline or Phase.Unknown)
                return $"groups[{i}] '{g.Name}': phase {g.Phase} is the hub's to derive, not an agent's to report";
            if (g.Resources.Total < 0 || g.Resources.Healthy < 0 || g.Resources.Healthy > g.Resources.Total)
                return $"groups[{i}] '{g.Name}': resource counts {g.Resources.Healthy}/{g.Resources.Total} are impossible";
        }
        return Check(m.Inventories ?? [], names);
    }

    private static string? Check(IReadOnlyList<GroupInventory> inventories, HashSet<string> groups)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inventories.Count; i++)
        {
            var inventory = inventories[i];
            if (!groups.Contains(inventory.Group))
                return $"inventories[{i}]: group '{inventory.Group}' has no status in this message";
            if (!seen.Add(inventory.Group))
                return $"inventories[{i}]: group '{inventory.Group}' is listed twice";
            if (inventory.Objects.Count > GroupInventory.MaxObjects || inventory.More.Count > GroupInventory.MaxKinds)
                return $"inventories[{i}] '{inventory.Group}': at most {GroupInventory.MaxObjects} objects and {GroupInventory.MaxKinds} kinds counted past them";
            if (inventory.More.Any(k => k.Count is < 1 or > MaxInventoryCount))
                return $"inventories[{i}] '{inventory.Group}': a kind's count must be between 1 and {MaxInventoryCount}";
        }
        return null;
    }

    /// <summary>More objects of one kind than any store's API server would hold for one group.</summary>
    public const int MaxInventoryCount = 1_000_000;

    public static string? Check(JournalMessage m)
    {
        long previous = 0;
        for (var i = 0; i < m.Events.Count; i++)
        {
            var e = m.Events[i];
            if (e.Seq <= previous)
                return $"events[{i}]: seq {e.Seq} must be positive and greater than the one before ({previous})";
            if (e.Seq > MaxCounter)
                return $"events[{i}]: seq {e.Seq} is above the largest an agent may use ({MaxCounter})";
            if (e.FirstSeq is { } first && (first <= previous || first > e.Seq))
                return $"events[{i}]: firstSeq {first} must be above the seq before ({previous}) and at most the event's own ({e.Seq})";
            if (e.FirstSeq is not null && e.Kind != JournalEventKinds.Compacted)
                return $"events[{i}]: only a {JournalEventKinds.Compacted} event stands for earlier seqs (firstSeq)";
            if (string.IsNullOrWhiteSpace(e.Kind))
                return $"events[{i}]: kind must not be empty";
            if (e.Changes is { } changes && (changes.Count > ObjectChange.MaxObjects || changes.Any(c => c.Fields.Count > ObjectChange.MaxFields)))
                return $"events[{i}]: at most {ObjectChange.MaxObjects} changes of at most {ObjectChange.MaxFields} fields each";
            previous = e.Seq;
        }
        return null;
    }

    public static string? Check(AckMessage m) => m.Seq < 0 ? $"seq must not be negative (got {m.Seq})" : null;

    public static string? Check(PresenceMessage m) => null;
}
