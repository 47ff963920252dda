using FleetOps.Shared.Fleet;
using FleetOps.Testing.Files;

namespace FleetOps.Shared.Tests.Fleet;

/// <summary>Reads fleet.yaml fixtures from testdata/fleet, copied beside the test assembly.</summary>
internal static class FleetYamlFixtures
{
    public static string Read(string name) =>
        TestData.Read("fleet", name);

    public static FleetYamlParseResult Parse(string name) => FleetYamlParser.Parse(Read(name));

    public static FleetDefinition ParseValid(string name)
    {
        var result = Parse(name);
        Assert.True(result.Succeeded, result.ToString());
        return result.Definition;
    }
}
