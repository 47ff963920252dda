namespace FleetOps.EdgeAgent.Configuration;

/// <summary>
/// Backoff for a failed group (source unreachable, apply error) and for health polling. Failed
/// groups retry sooner than the reconcile interval, but never faster than <see cref="MinRetryDelay"/>.
/// </summary>
public sealed record RetryOptions(
    TimeSpan MinRetryDelay,
    TimeSpan MaxRetryDelay,
    TimeSpan MinHealthPoll,
    TimeSpan MaxHealthPoll)
{
    public static readonly RetryOptions Default = new(
        MinRetryDelay: TimeSpan.FromSeconds(10),
        MaxRetryDelay: TimeSpan.FromMinutes(5),
        MinHealthPoll: TimeSpan.FromSeconds(1),
        MaxHealthPoll: TimeSpan.FromSeconds(15));
}
