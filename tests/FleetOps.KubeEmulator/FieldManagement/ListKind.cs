namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>Whether a list is replaced whole, merged by key fields, or merged as a set of scalars.</summary>
internal sealed record ListKind(ListType Type, string[] Keys)
{
    public static ListKind Atomic { get; } = new(ListType.Atomic, []);
}
