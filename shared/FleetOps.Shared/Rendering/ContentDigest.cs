using System.Buffers;
using System.Security.Cryptography;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// The digest the hub compares to decide whether a group's target moves: the same objects give the same
/// digest whatever their files, order, formatting or comments, so a commit that touches only a README
/// moves nothing; any change to any value changes it.
/// </summary>
public static class ContentDigest
{
    public const string Prefix = "sha256:";

    /// <summary>SHA-256 over the canonical JSON array of the objects, sorted by subject then apiVersion.</summary>
    public static string Compute(IEnumerable<RenderedObject> objects)
    {
        var canonical = new ArrayBufferWriter<byte>();
        canonical.Write("["u8);
        var first = true;
        foreach (var o in objects.OrderBy(o => o.Subject, StringComparer.Ordinal).ThenBy(o => o.ApiVersion, StringComparer.Ordinal))
        {
            if (!first)
                canonical.Write(","u8);
            first = false;
            CanonicalJson.Write(o.Content, canonical);
        }
        canonical.Write("]"u8);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(canonical.WrittenSpan));
    }
}
