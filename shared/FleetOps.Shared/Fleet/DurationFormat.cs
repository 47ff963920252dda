using System.Text;

namespace FleetOps.Shared.Fleet;

/// <summary>Durations the way fleet.yaml writes them: <c>30s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>; zero is <c>0s</c>.</summary>
public static class DurationFormat
{
    public static string Short(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            return "0s";
        var text = new StringBuilder();
        Append(text, duration.Days, 'd');
        Append(text, duration.Hours, 'h');
        Append(text, duration.Minutes, 'm');
        Append(text, duration.Seconds, 's');
        return text.Length == 0 ? $"{duration.TotalMilliseconds:0}ms" : text.ToString();
    }

    private static void Append(StringBuilder text, int value, char unit)
    {
        if (value > 0)
            text.Append(value).Append(unit);
    }
}
