namespace FleetOps.KubeEmulator.FieldManagement;

internal enum ListType
{
    Atomic,
    Map,
    Set,
}
