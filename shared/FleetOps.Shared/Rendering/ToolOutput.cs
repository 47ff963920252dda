using System.Text.RegularExpressions;

namespace FleetOps.Shared.Rendering;

/// <summary>Makes a tool's error output fit a status message: paths relative to the repository, the first lines only.</summary>
internal static partial class ToolOutput
{
    public static string Summarize(string errors, string repositoryRoot, int maxLines)
    {
        // The checkout lives in a temporary folder whose name means nothing to the author of the commit.
        var root = Path.TrimEndingDirectorySeparator(repositoryRoot);
        var text = errors
            .Replace(root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(root, ".", StringComparison.Ordinal);
        var lines = text.Split('\n').Select(l => Unwrap(l.TrimEnd('\r', ' ', '\t'))).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
            return "(no error output)";
        var shown = lines.Take(Math.Max(1, maxLines)).ToList();
        if (lines.Count > shown.Count)
            shown.Add($"... ({lines.Count - shown.Count} more lines)");
        return string.Join('\n', shown);
    }

    /// <summary>kubectl wraps its error in a klog line (<c>E1123 15:32:57.4 11523 run.go:72] "command failed" err="..."</c>); keep the error.</summary>
    private static string Unwrap(string line)
    {
        var match = KlogError().Match(line);
        return match.Success ? match.Groups["err"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : line;
    }

    [GeneratedRegex("""^[EWIF]\d{4} [0-9:.]+\s+\d+ [^\]]+\] "command failed" err="(?<err>.*)"$""", RegexOptions.CultureInvariant)]
    private static partial Regex KlogError();
}
