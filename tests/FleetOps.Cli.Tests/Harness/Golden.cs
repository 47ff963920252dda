using FleetOps.Testing.Files;

namespace FleetOps.Cli.Tests.Harness;

/// <summary>
/// Compares output with testdata/golden/NAME exactly. Run with <c>FLEETOPS_UPDATE_GOLDEN=1</c> to write the
/// files instead (into the checkout, not the build output), then read the diff before committing it.
/// </summary>
public static class Golden
{
    /// <summary>The golden file in the checkout (the build output holds a copy).</summary>
    public static string SourcePath(string name) => Checkout.PathOf("tests", "FleetOps.Cli.Tests", "testdata", "golden", name);

    public static void Match(string name, string actual)
    {
        var relative = Path.Combine("golden", name);
        if (System.Environment.GetEnvironmentVariable("FLEETOPS_UPDATE_GOLDEN") == "1")
        {
            var target = SourcePath(name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, actual);
            return;
        }
        var path = TestData.PathOf(relative);
        Assert.True(File.Exists(path), $"no golden file {relative}; run with FLEETOPS_UPDATE_GOLDEN=1 to create it. Output was:\n{actual}");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
            return;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
            line++;
        Assert.Fail($"{relative} differs at line {line + 1}:\n" +
            $"expected: {(line < expectedLines.Length ? expectedLines[line] : "<end>")}\n" +
            $"actual:   {(line < actualLines.Length ? actualLines[line] : "<end>")}\n" +
            $"--- whole output\n{actual}");
    }
}
