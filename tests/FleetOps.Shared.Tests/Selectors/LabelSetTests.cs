using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Tests.Selectors;

/// <summary>A cluster's labels as a whole: the one rule the CLI and the register API apply.</summary>
public sealed class LabelSetTests
{
    [Fact]
    public void LabelsKubernetesWouldTakeAreFine() =>
        Assert.Null(LabelSet.Validate(new Dictionary<string, string> { ["region"] = "east", ["fleetops.io/tier"] = "edge", ["note"] = "" }));

    [Fact]
    public void AMegabyteValueIsRefusedWithoutQuotingAMegabyte()
    {
        var problem = LabelSet.Validate(new Dictionary<string, string> { ["region"] = new('e', 1024 * 1024) });

        Assert.NotNull(problem);
        Assert.StartsWith("label 'region=eeee", problem);
        Assert.Contains("(1048576 characters)': the value is not valid: it must be 63 characters or fewer, not 1048576", problem);
        Assert.True(problem.Length < 300);
    }

    [Fact]
    public void MoreThanSixtyFourLabelsAreRefused() =>
        Assert.Equal("a cluster has at most 64 labels, not 20000",
            LabelSet.Validate(Enumerable.Range(0, 20_000).ToDictionary(i => $"label-{i}", _ => "x")));

    [Theory]
    [InlineData("../../etc", "at most one '/'")]
    [InlineData("../etc", "the prefix '..'")]
    [InlineData("", "it must not be empty")]
    [InlineData("a/b/c", "at most one '/'")]
    public void KeysKubernetesWouldRefuseAreRefused(string key, string mentions) =>
        Assert.Contains(mentions, LabelSet.Validate(new Dictionary<string, string> { [key] = "x" }));

    [Fact]
    public void ANullValueIsRefused() =>
        Assert.Contains("has no value", LabelSet.Validate(new Dictionary<string, string> { ["region"] = null! }));
}
