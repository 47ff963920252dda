using FleetOps.Hub.Grains;
using FleetOps.Shared.Contracts;

namespace FleetOps.Hub.Tests.Unit;

public sealed class StatusRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static StatusMessage Status(DateTimeOffset at, Phase phase = Phase.Converged, string unhealthy = "none") => new(1, "store-1", 3, at,
    [
        new GroupStatus("platform", phase, Reasons.ReconciliationSucceeded, "applied", new string('a', 40), new string('a', 40), new ResourceCounts(4, 4),
            unhealthy == "none" ? [] : [new UnhealthyObject(unhealthy, "not ready")], T0),
    ]);

    [Fact]
    public void TheSameReportSentAgainLaterIsAHeartbeat() =>
        Assert.True(StatusRules.SameExceptTime(Status(T0), Status(T0.AddMinutes(5))));

    [Fact]
    public void APhaseOrAnUnhealthyObjectThatChangedIsNews()
    {
        Assert.False(StatusRules.SameExceptTime(Status(T0), Status(T0, Phase.Degraded)));
        Assert.False(StatusRules.SameExceptTime(Status(T0, unhealthy: "Deployment/pos/api"), Status(T0, unhealthy: "Deployment/pos/web")));
        Assert.True(StatusRules.SameExceptTime(Status(T0, unhealthy: "Deployment/pos/api"), Status(T0.AddMinutes(5), unhealthy: "Deployment/pos/api")));
    }
}
