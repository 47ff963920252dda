using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// One spelling per value: object keys in ordinal order, no whitespace, strings escaped only where JSON
/// requires it, numbers as the renderer normalized them. Written by hand so a runtime upgrade that
/// changes System.Text.Json's escaping cannot move every digest in the fleet.
/// </summary>
internal static class CanonicalJson
{
    public static void Write(JsonElement value, IBufferWriter<byte> output)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                Append(output, "{");
                var first = true;
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                        Append(output, ",");
                    first = false;
                    WriteString(property.Name, output);
                    Append(output, ":");
                    Write(property.Value, output);
                }
                Append(output, "}");
                break;
            case JsonValueKind.Array:
                Append(output, "[");
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index++ > 0)
                        Append(output, ",");
                    Write(item, output);
                }
                Append(output, "]");
                break;
            case JsonValueKind.String:
                WriteString(value.GetString()!, output);
                break;
            default:
                Append(output, value.GetRawText());
                break;
        }
    }

    private static void WriteString(string text, IBufferWriter<byte> output)
    {
        var escaped = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    escaped.Append("\\\"");
                    break;
                case '\\':
                    escaped.Append("\\\\");
                    break;
                case '\n':
                    escaped.Append("\\n");
                    break;
                case '\r':
                    escaped.Append("\\r");
                    break;
                case '\t':
                    escaped.Append("\\t");
                    break;
                case '\b':
                    escaped.Append("\\b");
                    break;
                case '\f':
                    escaped.Append("\\f");
                    break;
                case < ' ':
                    escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }
        Append(output, escaped.Append('"').ToString());
    }

    private static void Append(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
