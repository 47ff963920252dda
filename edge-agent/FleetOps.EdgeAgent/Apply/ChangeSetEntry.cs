namespace FleetOps.EdgeAgent.Apply;

/// <summary>One object's outcome; <see cref="Note"/> says why when the action alone does not (a skip, a recreate).</summary>
public sealed record ChangeSetEntry(string Subject, ChangeAction Action, string? Note = null)
{
    public override string ToString() => Note is null ? $"{Subject} {Action.ToString().ToLowerInvariant()}" : $"{Subject} {Action.ToString().ToLowerInvariant()} ({Note})";
}
