using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace FleetOps.Hub.Tests.Grains;

/// <summary>The grain test cluster on a fake clock: Orleans runs grain timers on the silo's TimeProvider, so a test moves them by advancing it.</summary>
public sealed class FakeClockGrainClusterFixture : GrainClusterFixture
{
    // Orleans builds configurators itself, so the clock they register is the one this fixture type owns.
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    protected override void AddSilo(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<FakeClockSiloConfigurator>();

    private sealed class FakeClockSiloConfigurator : SiloConfigurator
    {
        public override void Configure(ISiloBuilder silo)
        {
            base.Configure(silo);
            silo.Services.AddSingleton<TimeProvider>(Clock);
        }
    }
}
