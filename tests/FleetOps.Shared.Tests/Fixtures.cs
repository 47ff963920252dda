using System.Text;

namespace FleetOps.Shared.Tests;

/// <summary>Reads test fixtures copied beside the test assembly under testdata/.</summary>
internal static class Fixtures
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    public static string Text(params string[] parts) => File.ReadAllText(Path(parts));

    public static byte[] Bytes(params string[] parts) => Encoding.UTF8.GetBytes(Text(parts));
}
