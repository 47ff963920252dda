using FleetOps.EdgeAgent.Link;

namespace FleetOps.EdgeAgent.Tests.Link;

public sealed class BackoffTests
{
    [Fact]
    public void DelaysDoubleWithJitterAndStopAtTheCap()
    {
        var min = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(60);
        var random = new Random(42);
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var ceiling = TimeSpan.FromTicks(Math.Min(max.Ticks, min.Ticks << (attempt - 1)));
            var delay = Backoff.Delay(attempt, min, max, random);
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
        Assert.InRange(Backoff.Delay(1000, min, max, random), TimeSpan.FromSeconds(30), max);
    }
}
