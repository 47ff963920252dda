using System.Buffers.Binary;

namespace FleetOps.Testing.Git;

/// <summary>
/// The packs a repository holds, read from their index files: a fetch over the network writes what it received as one
/// new pack, so the difference between two looks is what a fetch brought. Objects are counted once however many packs
/// hold them: a thin pack (deltas against objects the store already has) is stored with copies of those bases
/// appended, which are not received and not new.
/// </summary>
public sealed record PackedObjects(int Packs, long Objects, long Bytes)
{
    /// <summary>The packs under <paramref name="gitDir"/> (a bare repository, or a work tree's .git).</summary>
    public static PackedObjects In(string gitDir)
    {
        var folder = Path.Combine(gitDir, "objects", "pack");
        if (!Directory.Exists(folder))
            return new PackedObjects(0, 0, 0);
        var packs = Directory.GetFiles(folder, "*.pack");
        var objects = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pack in packs)
            objects.UnionWith(ObjectNames(Path.ChangeExtension(pack, ".idx")));
        return new PackedObjects(packs.Length, objects.Count, packs.Sum(p => new FileInfo(p).Length));
    }

    public static PackedObjects operator -(PackedObjects after, PackedObjects before) =>
        new(after.Packs - before.Packs, after.Objects - before.Objects, after.Bytes - before.Bytes);

    // A version 2 index: a magic number and the version, a fan-out table of 256 counts (the last is the number of
    // objects), then the object names, 20 bytes each (SHA-1), sorted.
    private static IEnumerable<string> ObjectNames(string index)
    {
        var bytes = File.ReadAllBytes(index);
        if (bytes.Length < 8 + 1024 || !bytes.AsSpan(0, 4).SequenceEqual((byte[])[0xff, 0x74, 0x4f, 0x63]) || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)) != 2)
            throw new InvalidDataException($"{index} is not a version 2 git pack index");
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8 + (255 * 4)));
        var names = new string[count];
        for (var i = 0; i < count; i++)
            names[i] = Convert.ToHexStringLower(bytes, 8 + 1024 + (i * 20), 20);
        return names;
    }
}
