using System.Text;

namespace FleetOps.Shared.Contracts;

/// <summary>
/// Text from a store, made fit for a terminal: control characters (C0 but the line break, DEL, C1) and the
/// Unicode marks that reorder what is displayed (bidi overrides, embeddings, isolates) are removed, a tab
/// becomes a space. What an agent writes is shown on operators' terminals, and an <c>ESC[2J</c> in a
/// journal detail once cleared the screen of whoever ran <c>fleetops history</c>. The words stay.
/// </summary>
public static class SafeText
{
    /// <summary><paramref name="text"/> without what <see cref="IsUnsafe"/> names; the same instance when there is none.</summary>
    public static string Clean(string text, bool keepLineBreaks = true)
    {
        var first = IndexOfUnsafe(text, keepLineBreaks);
        if (first < 0)
            return text;
        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\t')
                clean.Append(' ');
            else if (!IsUnsafe(c, keepLineBreaks))
                clean.Append(c);
        }
        return clean.ToString();
    }

    /// <summary>A nullable field: null stays null.</summary>
    public static string? CleanOrNull(string? text, bool keepLineBreaks = true) => text is null ? null : Clean(text, keepLineBreaks);

    public static bool IsClean(string? text, bool keepLineBreaks = true) => text is null || IndexOfUnsafe(text, keepLineBreaks) < 0;

    /// <summary>A control character (a tab counts: it is replaced), or a mark that reorders displayed text.</summary>
    public static bool IsUnsafe(char c, bool keepLineBreaks = true) =>
        (char.IsControl(c) && !(keepLineBreaks && c == '\n'))
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static int IndexOfUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i], keepLineBreaks))
                return i;
        }
        return -1;
    }
}
