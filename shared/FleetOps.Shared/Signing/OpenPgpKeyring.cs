namespace FleetOps.Shared.Signing;

/// <summary>
/// Reads a file of OpenPGP public keys into the binary keyring gpgv takes (it cannot read armor). An
/// armored file (<c>gpg --armor --export</c>, one or several key blocks) is de-armored as RFC 4880 section 6
/// describes, its CRC-24 checked; a binary file (<c>gpg --export</c>) is taken as it is.
/// </summary>
internal static class OpenPgpKeyring
{
    private const string Begin = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private const string End = "-----END PGP PUBLIC KEY BLOCK-----";

    /// <exception cref="InvalidDataException">An armored block is cut short or corrupt.</exception>
    public static byte[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        return text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal) ? Dearmor(text) : bytes;
    }

    public static byte[] Dearmor(string text)
    {
        var keyring = new MemoryStream();
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] != Begin)
                continue;
            i++;
            // Armor headers (Version:, Comment:) end at the first blank line.
            while (i < lines.Count && lines[i].Contains(':', StringComparison.Ordinal) && lines[i] != End)
                i++;
            var body = new System.Text.StringBuilder();
            string? checksum = null;
            for (; i < lines.Count && lines[i] != End; i++)
            {
                if (lines[i].StartsWith('=') && lines[i].Length == 5)
                    checksum = lines[i][1..];
                else
                    body.Append(lines[i]);
            }
            if (i >= lines.Count)
                throw new InvalidDataException($"a key block has no '{End}' line");
            keyring.Write(Decode(body.ToString(), checksum));
        }
        return keyring.ToArray();
    }

    private static byte[] Decode(string base64, string? checksum)
    {
        byte[] data;
        try
        {
            data = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidDataException("a key block is not valid base64");
        }
        if (checksum is not null)
        {
            var expected = Convert.FromBase64String(checksum);
            var crc = Crc24(data);
            if (expected.Length != 3 || expected[0] != (byte)(crc >> 16) || expected[1] != (byte)(crc >> 8) || expected[2] != (byte)crc)
                throw new InvalidDataException("a key block fails its checksum: the file is damaged");
        }
        return data;
    }

    // RFC 4880 section 6.1.
    private static int Crc24(byte[] data)
    {
        var crc = 0xB704CE;
        foreach (var b in data)
        {
            crc ^= b << 16;
            for (var bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                    crc ^= 0x1864CFB;
            }
        }
        return crc & 0xFFFFFF;
    }
}
