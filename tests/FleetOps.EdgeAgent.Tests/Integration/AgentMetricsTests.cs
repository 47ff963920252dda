using FleetOps.EdgeAgent.Metrics;
using FleetOps.EdgeAgent.Tests.Support;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Network;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.DependencyInjection;

namespace FleetOps.EdgeAgent.Tests.Integration;

public sealed class AgentMetricsTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task MetricsOnTheLocalPortCountRunsDurationsDriftCorrectionsBacklogAndLinkState()
    {
        await using var h = new AgentHarness(emulator.Server) { MetricsPort = FreePort.Next() };
        var rev = h.Repo.CopyFrom("shop", "shop").Commit();
        await h.StartAgentAsync();
        h.SetDesired(h.Desired(1, rev, intervalSeconds: 60));
        await h.WaitConvergedAsync(rev);
        h.Cluster.Delete("v1", "ConfigMap", "shop", "settings");
        await Eventually.UntilAsync(() => h.Journal.Any(e => e.Kind == JournalEventKinds.DriftCorrected), "the next run restores the deleted object", advance: h.Time);

        var endpoint = h.Agent!.Services.GetRequiredService<MetricsEndpoint>();
        var url = await Eventually.ValueAsync(() => Task.FromResult(endpoint.Url), u => u is not null, "the metrics port is served (it starts in the background)");
        using var http = new HttpClient();
        var text = "";
        await Eventually.TrueAsync(async () =>
        {
            text = await http.GetStringAsync(url!);
            // The correcting run is counted when it ends, a moment after its correction.
            return text.Contains("fleetops_agent_drift_corrections_total{group=\"shop\"} 1", StringComparison.Ordinal)
                && System.Text.RegularExpressions.Regex.IsMatch(text, @"fleetops_agent_reconcile_runs_total\{group=""shop"",phase=""Converged""\} [2-9]");
        }, "the drift correction and the run that made it are counted");

        Assert.StartsWith($"http://127.0.0.1:{h.MetricsPort}/", url!);
        Assert.Matches(@"fleetops_agent_reconcile_runs_total\{group=""shop"",phase=""Converged""\} [2-9]", text);
        Assert.Matches(@"fleetops_agent_reconcile_duration_seconds_count\{group=""shop""\} [2-9]", text);
        Assert.Matches(@"fleetops_agent_journal_backlog(\{\})? [1-9]", text);
        // No broker: the link is down and the journal waits for it.
        Assert.Matches(@"fleetops_agent_link_connected(\{\})? 0\n", text);
    }

    [Fact]
    public async Task NoMetricsPortIsServedByDefault()
    {
        await using var h = new AgentHarness(emulator.Server);
        await h.StartAgentAsync();

        Assert.Null(h.Agent!.Services.GetService<MetricsEndpoint>());
        Assert.Null(h.Options().MetricsPort);
    }
}
