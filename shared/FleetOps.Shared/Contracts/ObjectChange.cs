namespace FleetOps.Shared.Contracts;

/// <summary>
/// What one write did to one object, in an Applied or DriftCorrected event: <see cref="Subject"/> is
/// <c>Kind/namespace/name</c>, <see cref="Action"/> <c>created</c>, <c>configured</c> or <c>deleted</c>;
/// <see cref="Fields"/> the fields that differed from what was there (at most <see cref="MaxFields"/>, with
/// <see cref="MoreFields"/> saying how many more).
/// </summary>
public sealed record ObjectChange(string Subject, string Action, IReadOnlyList<FieldChange> Fields, int MoreFields = 0)
{
    /// <summary>An event lists at most this many objects; its detail counts the rest per kind.</summary>
    public const int MaxObjects = 20;

    public const int MaxFields = 5;

    public bool Equals(ObjectChange? other) =>
        other is not null && Subject == other.Subject && Action == other.Action && MoreFields == other.MoreFields && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Subject, Action, MoreFields, Fields.Count);

    public override string ToString()
    {
        var fields = string.Join(", ", Fields.Select(f => f.ToString()));
        if (MoreFields > 0)
            fields += $", and {MoreFields} more";
        return fields.Length == 0 ? $"{Subject} {Action}" : $"{Subject} {Action}: {fields}";
    }
}
