namespace FleetOps.Shared.Api;

/// <summary>How many clusters are in each hub phase; every phase is always present so a client never guesses a zero.</summary>
public sealed record PhaseCounts(
    int Converged,
    int Pending,
    int Progressing,
    int Degraded,
    int Failed,
    int Offline,
    int Unknown)
{
    public static readonly PhaseCounts Zero = new(0, 0, 0, 0, 0, 0, 0);

    public int Total => Converged + Pending + Progressing + Degraded + Failed + Offline + Unknown;
}
