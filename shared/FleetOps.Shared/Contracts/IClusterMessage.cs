namespace FleetOps.Shared.Contracts;

/// <summary>What every v1 payload carries: the major version and the cluster it is about.</summary>
public interface IClusterMessage
{
    /// <summary>Major version of the wire format; a receiver rejects any major it does not know.</summary>
    int V { get; }

    string ClusterId { get; }
}
