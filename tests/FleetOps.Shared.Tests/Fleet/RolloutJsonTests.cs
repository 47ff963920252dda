using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FleetOps.Shared.Fleet;
using FleetOps.Shared.Selectors;

namespace FleetOps.Shared.Tests.Fleet;

// The hub passes definitions between grains as JSON with default options; they must come back equal.
public sealed class RolloutJsonTests
{
    private static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    [Fact]
    public void AGroupWithEveryRolloutFieldRoundTripsThroughJsonAndStaysEqual()
    {
        var group = new GroupDefinition("pos-east", "apps/pos/overlays/east", LabelSelector.Parse("region=east,ring notin (canary)"))
        {
            Source = new GroupSource(new SourceLocation("fleet.yaml", 4, 5), new SourceLocation("fleet.yaml", 5, 11)),
            Rollout = new RolloutPolicy
            {
                Canary = new CanaryPolicy(LabelSelector.Parse("ring=canary"), null, TimeSpan.FromMinutes(15)),
                ManualApproval = true,
                Waves = [0.5, 10, 50, 100],
                Bake = new TimeSpan(1, 2, 30, 0),
                MaxConcurrent = Amount.OfPercent(10),
                FailureBudget = Amount.OfCount(2),
                Window = new WindowPolicy([DayOfWeek.Friday, DayOfWeek.Monday], new TimeOnly(22, 0), new TimeOnly(2, 0), "fleetops.io/tz"),
            },
        };

        var back = RoundTrip(group);

        Assert.Equal(group, back);
        Assert.Equal(group.GetHashCode(), back.GetHashCode());
        Assert.Equal(group.Source.Path, back.Source.Path);
    }

    [Fact]
    public void EveryGroupOfTheEveryFieldFixtureRoundTrips()
    {
        var fleet = FleetYamlFixtures.ParseValid("rollout/valid-every-field.yaml");

        Assert.Equal(fleet.Groups, fleet.Groups.Select(RoundTrip));
    }

    [Fact]
    public void ACanaryChosenBySizeRoundTrips()
    {
        var canary = new CanaryPolicy(null, Amount.OfCount(3), TimeSpan.Zero);

        Assert.Equal(canary, JsonSerializer.Deserialize<CanaryPolicy>(JsonSerializer.Serialize(canary, Options), Options));
    }

    [Fact]
    public void ACanaryMustChooseItsMembersExactlyOneWay()
    {
        Assert.Throws<ArgumentException>(() => new CanaryPolicy(null, null, TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new CanaryPolicy(LabelSelector.Everything, Amount.OfCount(1), TimeSpan.Zero));
    }

    private static GroupDefinition RoundTrip(GroupDefinition group) =>
        JsonSerializer.Deserialize<GroupDefinition>(JsonSerializer.Serialize(group, Options), Options)
            ?? throw new InvalidOperationException("null after a round trip");
}
