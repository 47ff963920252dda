namespace FleetOps.Shared.Kubernetes.Decoding;

/// <summary>
/// Go's base64.StdEncoding.Decode as encoding/json uses it for <c>[]byte</c> fields (Secret data): padding required,
/// CR and LF skipped, and on failure the offset Go reports (<c>illegal base64 data at input byte 4</c>).
/// </summary>
internal static class GoBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>The decoded bytes, or null with the offset of the first illegal input byte.</summary>
    public static byte[]? Decode(string text, out int errorOffset)
    {
        errorOffset = -1;
        var output = new List<byte>(text.Length * 3 / 4);
        var position = 0;
        while (position < text.Length)
        {
            var quantum = new int[4];
            var length = 4;
            for (var j = 0; j < 4; j++)
            {
                if (position == text.Length)
                {
                    if (j == 0)
                        return [.. output];

                    errorOffset = position - j;
                    return null;
                }

                var c = text[position++];
                var value = c < 128 ? Alphabet.IndexOf(c, StringComparison.Ordinal) : -1;
                if (value >= 0)
                {
                    quantum[j] = value;
                    continue;
                }

                if (c is '\n' or '\r')
                {
                    j--;
                    continue;
                }

                if (c != '=' || j < 2)
                {
                    errorOffset = position - 1;
                    return null;
                }

                if (!Padding(text, ref position, j, out errorOffset))
                    return null;

                length = j;
                break;
            }

            var bits = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3];
            for (var k = 0; k < length - 1; k++)
                output.Add((byte)(bits >> (16 - (8 * k))));

            if (length < 4 && position < text.Length)
            {
                errorOffset = position;
                return null;
            }
        }

        return [.. output];
    }

    /// <summary>After a first '=' at quantum position <paramref name="j"/> (2 or 3): the rest of the padding, then only line breaks.</summary>
    private static bool Padding(string text, ref int position, int j, out int errorOffset)
    {
        errorOffset = -1;
        if (j == 2)
        {
            SkipLineBreaks(text, ref position);
            if (position == text.Length)
            {
                errorOffset = text.Length;
                return false;
            }

            if (text[position] != '=')
            {
                errorOffset = position - 1;
                return false;
            }

            position++;
        }

        SkipLineBreaks(text, ref position);
        if (position < text.Length)
        {
            errorOffset = position;
            return false;
        }

        return true;
    }

    private static void SkipLineBreaks(string text, ref int position)
    {
        while (position < text.Length && text[position] is '\n' or '\r')
            position++;
    }
}
