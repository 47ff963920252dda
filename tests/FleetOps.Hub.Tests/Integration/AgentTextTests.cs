using FleetOps.Shared.Contracts;
using FleetOps.Testing.Polling;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>What agents write is stored without control characters, so no reader of the API gets them either.</summary>
public sealed class AgentTextTests
{
    private const string Hostile = "clear\u001b[2J title\u001b]0;owned\u0007 csi\u009b31m bidi\u202Eevil\u202C\nsecond line";

    [Fact]
    public async Task JournalAndStatusTextIsStoredWithoutControlCharactersButWithItsWords()
    {
        await using var scenario = await StartAsync();
        var agent = await scenario.AddAgentAsync("store-ansi", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(d => d.Groups.Count == 2, "desired arrives");

        await agent.SendJournalAsync(new JournalEvent(1, DateTimeOffset.UtcNow, "Applied\u001b[2J", "platform", null, Hostile));
        await agent.ReportAsync(g => new GroupStatus(g.Name, Phase.Degraded, Reasons.HealthCheckFailed, Hostile, g.Revision, g.Revision,
            new ResourceCounts(2, 1), [new UnhealthyObject("Deployment/pos/api\u001b[2J", Hostile)], DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => agent.AckedSeq == 1, "the journal event is stored");

        var history = await scenario.Hub.Client.GetHistoryAsync("store-ansi", null, null, null, default);
        var stored = Assert.Single(history.Events);
        Assert.Equal("Applied[2J", stored.Kind);
        Assert.Equal("clear[2J title]0;owned csi31m bidievil\nsecond line", stored.Detail);
        var detail = await Eventually.ValueAsync(() => scenario.Hub.Client.GetClusterAsync("store-ansi", default),
            c => c.Groups.All(g => g.Message is not null), "the status is stored");
        Assert.All(detail.Groups, g => Assert.Equal("clear[2J title]0;owned csi31m bidievil\nsecond line", g.Message));
        Assert.All(detail.Groups, g => Assert.Equal("Deployment/pos/api[2J", Assert.Single(g.Unhealthy).Subject));
    }
}
