namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>What normalizing does to a value: keep it, drop it from its parent, or put another in its place.</summary>
internal enum Outcome
{
    Keep,
    Drop,
    Replace,
}
