using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetOps.KubeEmulator.Serialization;

/// <summary>
/// Serializes stored objects to response bytes. Runs under the cluster lock, because JSON nodes are not
/// safe for concurrent readers; the bytes then go out without holding it.
/// </summary>
internal static class Wire
{
    public static byte[] Object(JsonObject obj, string? apiVersion = null) => Write(w => WriteObject(w, obj, apiVersion));

    public static byte[] WatchFrame(string type, JsonObject obj, string? apiVersion)
    {
        var bytes = Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WritePropertyName("object");
            WriteObject(w, obj, apiVersion);
            w.WriteEndObject();
        });
        var framed = new byte[bytes.Length + 1];
        bytes.CopyTo(framed, 0);
        framed[^1] = (byte)'\n';
        return framed;
    }

    public static byte[] List(string kind, string apiVersion, string resourceVersion, string? continueToken, long? remaining, IEnumerable<JsonObject> items) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", kind);
            w.WriteString("apiVersion", apiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", resourceVersion);
            if (continueToken is not null)
            {
                w.WriteString("continue", continueToken);
                if (remaining is { } count)
                    w.WriteNumber("remainingItemCount", count);
            }

            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var item in items)
                WriteObject(w, item, apiVersion);

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>Writes an object, presenting it under <paramref name="apiVersion"/> (CRD versions share storage).</summary>
    private static void WriteObject(Utf8JsonWriter writer, JsonObject obj, string? apiVersion)
    {
        if (apiVersion is null || (string?)obj["apiVersion"] == apiVersion)
        {
            obj.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, value) in obj)
        {
            writer.WritePropertyName(name);
            if (name == "apiVersion")
                writer.WriteStringValue(apiVersion);
            else if (value is null)
                writer.WriteNullValue();
            else
                value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);

        return buffer.WrittenSpan.ToArray();
    }
}
