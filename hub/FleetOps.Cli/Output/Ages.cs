namespace FleetOps.Cli.Output;

/// <summary>How long ago, in the one unit an operator reads at a glance: <c>45s</c>, <c>3m</c>, <c>2h</c>, <c>4d</c>.</summary>
public static class Ages
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
            age = TimeSpan.Zero;
        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds}s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    /// <summary>The age of <paramref name="time"/> at <paramref name="now"/>, or "-" when there is no time.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) => time is { } t ? Format(now - t) : "-";
}
