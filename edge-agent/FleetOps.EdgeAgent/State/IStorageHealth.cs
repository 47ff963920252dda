namespace FleetOps.EdgeAgent.State;

/// <summary>Whether the agent can write its data dir; the status board reports a fault on every group.</summary>
public interface IStorageHealth
{
    /// <summary>Null while the data dir can be written.</summary>
    StorageFault? Fault { get; }

    /// <summary>Raised when a fault begins or ends.</summary>
    event Action? Changed;
}
