namespace FleetOps.KubeEmulator.Storage;

internal enum PatchKind
{
    Apply,
    Merge,
    Strategic,
    Json,
}
