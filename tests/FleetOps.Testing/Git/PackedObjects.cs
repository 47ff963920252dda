using System.Buffers.Binary;

namespace FleetOps.Testing.Git;

/// <summary>
/// The packs a repository holds, read from their headers: a fetch over the network writes what it received as one new
/// pack, so the difference between two looks is what a fetch brought (objects and pack bytes).
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
        return new PackedObjects(packs.Length, packs.Sum(ObjectCount), packs.Sum(p => new FileInfo(p).Length));
    }

    public static PackedObjects operator -(PackedObjects after, PackedObjects before) =>
        new(after.Packs - before.Packs, after.Objects - before.Objects, after.Bytes - before.Bytes);

    // A pack begins "PACK", a version and the number of objects, each four bytes, the numbers big-endian.
    private static long ObjectCount(string pack)
    {
        Span<byte> header = stackalloc byte[12];
        using var file = File.OpenRead(pack);
        file.ReadExactly(header);
        if (!header[..4].SequenceEqual("PACK"u8))
            throw new InvalidDataException($"{pack} is not a git pack");
        return BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
    }
}
