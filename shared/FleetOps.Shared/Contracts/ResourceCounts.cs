namespace FleetOps.Shared.Contracts;

/// <summary>How many objects the group owns on the cluster and how many of them are healthy.</summary>
public sealed record ResourceCounts(int Total, int Healthy)
{
    public static readonly ResourceCounts None = new(0, 0);

    public int Unhealthy => Total - Healthy;
}
