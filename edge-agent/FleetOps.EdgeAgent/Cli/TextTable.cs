namespace FleetOps.EdgeAgent.Cli;

/// <summary>Left-aligned columns two spaces apart, the last column unpadded: enough for a technician's terminal.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        foreach (var row in all)
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == row.Count - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
    }

    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "-";

    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        return age < TimeSpan.FromMinutes(1) ? "just now"
            : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min ago"
            : age < TimeSpan.FromDays(2) ? $"{(int)age.TotalHours} h ago"
            : $"{(int)age.TotalDays} days ago";
    }

    public static string Short(string? revision) => revision is null ? "-" : Shared.Contracts.Revisions.Short(revision);
}
