namespace FleetOps.KubeEmulator.FieldManagement;

/// <summary>Where a walk is: the field holding the current value, and whether it is inside metadata.</summary>
internal readonly record struct WalkContext(string? Field, bool BuiltIn, bool InMetadata, int Depth = 0)
{
    public WalkContext Enter(string field, int depth) =>
        new(field, BuiltIn, InMetadata || (depth == 1 && field == "metadata"), depth);

    public WalkContext Item() => this with { Field = null };
}
