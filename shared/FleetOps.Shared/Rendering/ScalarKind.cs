namespace FleetOps.Shared.Rendering;

/// <summary>What a YAML scalar becomes in JSON.</summary>
internal enum ScalarKind
{
    Null,
    Bool,
    Integer,
    Float,
    String,
}
