namespace FleetOps.EdgeAgent.Link;

/// <summary>
/// Exponential backoff with "equal jitter": half the delay fixed, half random, so thousands of stores
/// cut off together do not reconnect in the same second, yet none waits longer than the cap.
/// </summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max, Random? random = null)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(max.Ticks, min.Ticks * (1L << Math.Min(exponent, 20)));
        var half = ceiling / 2;
        return TimeSpan.FromTicks(half + (long)((random ?? Random.Shared).NextDouble() * (ceiling - half)));
    }
}
