using System.Collections.Immutable;

namespace FleetOps.Shared.Rendering;

/// <summary>
/// The validated objects of one group's path, in render order. Immutable: cache it by (revision, path)
/// and substitute cluster variables into it as often as needed. A class rather than a record because
/// the digest is computed once on first use, and a <c>with</c> copy would carry a stale one.
/// </summary>
public sealed class RenderedSet
{
    private string? digest;

    internal RenderedSet(string path, RenderMode mode, ImmutableArray<RenderedObject> objects)
    {
        Path = path;
        Mode = mode;
        Objects = objects;
    }

    /// <summary>The group's path relative to the repository root, with '/' separators ('.' for the root).</summary>
    public string Path { get; }

    public RenderMode Mode { get; }

    public ImmutableArray<RenderedObject> Objects { get; }

    /// <summary>
    /// <c>sha256:</c> and hex over the objects' canonical JSON, independent of file layout, key order,
    /// formatting and comments; see <see cref="ContentDigest"/>.
    /// </summary>
    public string Digest => digest ??= ContentDigest.Compute(Objects);

    public override string ToString() => $"{Path}: {Objects.Length} objects ({Mode})";
}
