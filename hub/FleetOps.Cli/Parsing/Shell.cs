namespace FleetOps.Cli.Parsing;

/// <summary>Quotes a value for a POSIX shell when it needs it, so a suggested command can be pasted as printed.</summary>
public static class Shell
{
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=' or ',' or '/' or ':')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
