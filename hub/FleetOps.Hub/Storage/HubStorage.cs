namespace FleetOps.Hub.Storage;

/// <summary>The name every grain's persistent state uses; hosting decides whether LiteDB or ADO.NET stands behind it.</summary>
internal static class HubStorage
{
    public const string Name = "fleetops";
}
