using FleetOps.Simulator.Source;
using FleetOps.Testing.Files;

namespace FleetOps.Scenarios.Tests.Harness;

/// <summary>
/// The bundled fleet.yaml with the pos-east group's <c>rollout:</c> block replaced by a fixture
/// (<c>testdata/rollouts/NAME.yaml</c>, a <c>rollout:</c> mapping) or removed; every other group stays as bundled.
/// </summary>
public static class FleetYaml
{
    public const string Path = "fleet.yaml";

    /// <summary>pos-east without a rollout block: a new target reaches every member at once.</summary>
    public static string PosEastAtOnce() => WithPosEastRollout(null);

    /// <summary>pos-east rolled out by the policy in <c>testdata/rollouts/{fixture}.yaml</c>.</summary>
    public static string PosEastRollout(string fixture) => WithPosEastRollout(TestData.Read("rollouts", fixture + ".yaml"));

    private static string WithPosEastRollout(string? rollout)
    {
        var lines = File.ReadAllText(System.IO.Path.Combine(BundledFleetConfig.Locate(), Path)).ReplaceLineEndings("\n").Split('\n').ToList();
        var start = lines.IndexOf("  - name: pos-east");
        Assert.True(start >= 0, "the bundled fleet.yaml has no pos-east group");
        // The group's entry ends where a line is indented less than its fields.
        var end = lines.FindIndex(start + 1, l => l.Trim().Length > 0 && !l.StartsWith("    ", StringComparison.Ordinal));
        end = end < 0 ? lines.Count : end;
        var block = lines.FindIndex(start, end - start, l => l == "    rollout:");
        if (block >= 0)
        {
            Assert.True(lines.Skip(block + 1).Take(end - block - 1).All(l => l.Trim().Length == 0 || l.StartsWith("      ", StringComparison.Ordinal)),
                "the bundled pos-east group has fields after its rollout block");
            lines.RemoveRange(block, end - block);
            end = block;
        }
        if (rollout is not null)
            lines.InsertRange(end, rollout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
        return string.Join('\n', lines);
    }
}
