namespace FleetOps.Shared.Kubernetes.Models;

/// <summary>What a field holds, as far as decoding it goes.</summary>
internal enum ShapeKind
{
    Object,
    List,
    Map,
    Int32,
    Int64,
    Float,
    Bool,
    String,
    Bytes,
    Time,
    Quantity,
    IntOrString,

    /// <summary>RawExtension and free JSON: anything, not looked into.</summary>
    Any,
}
