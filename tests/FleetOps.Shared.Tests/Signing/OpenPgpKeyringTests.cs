using FleetOps.Shared.Signing;
using FleetOps.Testing.Files;
using FleetOps.Testing.Signing;

namespace FleetOps.Shared.Tests.Signing;

public sealed class OpenPgpKeyringTests
{
    [Fact]
    public void AnArmoredExportOfTwoKeysReadsAsGpgsOwnBinaryExportOfBoth()
    {
        using var first = new GpgSigningKey();
        using var second = new GpgSigningKey("Second <second@fleetops.invalid>");
        using var dir = new TempDir();
        var file = dir.Write("keys.asc", first.ExportPublicKey() + second.ExportPublicKey());

        Assert.Equal([.. first.ExportBinary(), .. second.ExportBinary()], OpenPgpKeyring.Read(file));
    }

    [Fact]
    public void ABinaryExportIsTakenAsItIs()
    {
        using var key = new GpgSigningKey();
        using var dir = new TempDir();
        var file = dir.Sub("keys.gpg");
        File.WriteAllBytes(file, key.ExportBinary());

        Assert.Equal(key.ExportBinary(), OpenPgpKeyring.Read(file));
    }

    [Fact]
    public void ADamagedArmoredKeyFailsItsChecksum()
    {
        using var key = new GpgSigningKey();
        var lines = key.ExportPublicKey().Split('\n');
        // Swap two base64 characters of the body: still base64, no longer the key its checksum was made for.
        var body = Array.FindIndex(lines, l => l.Length > 40);
        lines[body] = lines[body][1] + lines[body][0].ToString() + lines[body][2..];

        var e = Assert.Throws<InvalidDataException>(() => OpenPgpKeyring.Dearmor(string.Join('\n', lines)));
        Assert.Contains("checksum", e.Message);
    }
}
