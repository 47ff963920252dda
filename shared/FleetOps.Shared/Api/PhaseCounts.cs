namespace FleetOps.Shared.Api;

/// <summary>
/// How many clusters are in each hub phase; every phase is always present so a client never guesses a zero.
/// <see cref="Unconfirmed"/> is not a phase but how many of the counted clusters were online when the hub last
/// stopped and have not said hello since it started: their phase is the last they reported, not news.
/// </summary>
public sealed record PhaseCounts(
    int Converged,
    int Pending,
    int Progressing,
    int Degraded,
    int Failed,
    int Offline,
    int Unknown,
    int Unconfirmed = 0)
{
    public static readonly PhaseCounts Zero = new(0, 0, 0, 0, 0, 0, 0);

    public int Total => Converged + Pending + Progressing + Degraded + Failed + Offline + Unknown;
}
