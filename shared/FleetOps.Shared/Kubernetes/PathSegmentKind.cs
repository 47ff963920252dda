namespace FleetOps.Shared.Kubernetes;

/// <summary>What one step of an <see cref="ObjectPath"/> selects.</summary>
public enum PathSegmentKind
{
    Property,
    Index,
    Key,
}
