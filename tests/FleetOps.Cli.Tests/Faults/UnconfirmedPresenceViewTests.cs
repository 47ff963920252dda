using FleetOps.Cli.Output;
using FleetOps.Shared.Api;
using FleetOps.Shared.Contracts;
using Spectre.Console;

namespace FleetOps.Cli.Tests.Faults;

/// <summary>After a hub restart, what the CLI says about clusters whose presence nobody has confirmed yet.</summary>
public sealed class UnconfirmedPresenceViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheFleetLineSaysHowManyClustersAreUnconfirmed()
    {
        var fleet = new FleetView(new SourceView("/srv/fleet-config", "main", null, null, null), null, [], [], new PhaseCounts(10, 0, 0, 0, 0, 0, 0, Unconfirmed: 7));

        var (counts, _) = StatusView.Summary(fleet, Now);

        Assert.Equal("10/10 converged (100%) · 7 unconfirmed: not heard from since the hub started", Markup.Remove(counts));
    }

    [Fact]
    public void AnUnconfirmedClusterIsListedAsSuch() =>
        Assert.Equal("online?, unconfirmed", Markup.Remove(ClustersView.Presence(PresenceState.Online, stale: false, unconfirmed: true)));
}
