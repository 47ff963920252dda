using System.Net;
using FleetOps.Hub.Tests.Harness;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Agents;
using FleetOps.Testing.Hub;
using FleetOps.Testing.Polling;
using MQTTnet;
using static FleetOps.Testing.Hub.HubScenario;

namespace FleetOps.Hub.Tests.Integration;

/// <summary>/metrics as Prometheus scrapes it: behind the admin token, every family under its name and label.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private static readonly string[] ClusterPhases = ["Converged", "Pending", "Progressing", "Degraded", "Failed", "Offline", "Unknown"];

    private HubScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task AScrapeWithoutTheAdminTokenGetsA401AndNoFigures()
    {
        using var anonymous = new HttpClient { BaseAddress = scenario.Hub.ApiAddress };
        var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("fleetops_hub_", await response.Content.ReadAsStringAsync());

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);

        using var authorised = scenario.Hub.CreateHttpClient();
        var scrape = await authorised.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType!.MediaType);
        Assert.Contains("fleetops_hub_", await scrape.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryFamilyIsScrapedWithItsLabelAfterTheEventThatCountsIt()
    {
        var agent = await scenario.AddAgentAsync("store-metrics-1", Labels(("region", "east")));
        await agent.WaitForDesiredAsync(_ => true, "the agent has its desired state");
        var stranger = await scenario.AddAgentAsync("store-metrics-2", Labels(), connect: false);
        Assert.NotEqual(MqttClientConnectResultCode.Success, await stranger.ConnectAsync(password: "fot_not-the-token"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await agent.PublishAsync(Topics.Desired("store-metrics-1"), "{}"u8.ToArray()));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await agent.SubscribeAsync(Topics.Desired("store-metrics-2")));
        await agent.PublishAsync(Topics.Status("store-metrics-1"), "{not json"u8.ToArray());
        // Past a gap: counted, answered with an ack of what the hub has (nothing), never acknowledged itself.
        await agent.SendJournalAsync(new JournalEvent(5, DateTimeOffset.UtcNow, JournalEventKinds.Applied, "platform", null, "after a gap"));

        // The ack is counted once published and the directory learns phases from one-way reports: both a moment later.
        var scrape = await Eventually.ValueAsync(() => Scrape.OfAsync(scenario.Hub),
            s => s.Value("fleetops_hub_messages_out_total{kind=\"ack\"}") == 1 && s.Value("fleetops_hub_clusters{phase=\"Unknown\"}") == 1,
            "the ack is counted and only the stranger is Unknown");

        Assert.Equal(2, ClusterPhases.Sum(phase => scrape.Value($"fleetops_hub_clusters{{phase=\"{phase}\"}}")));
        Assert.Equal(1, scrape.Value("fleetops_hub_messages_in_total{kind=\"hello\"}"));
        Assert.Equal(1, scrape.Value("fleetops_hub_messages_in_total{kind=\"journal\"}"));
        Assert.True(scrape.Value("fleetops_hub_messages_out_total{kind=\"desired\"}") >= 1);
        Assert.Equal(1, scrape.Value("fleetops_hub_refused_payloads_total{code=\"InvalidJson\"}"));
        Assert.Equal(1, scrape.Value("fleetops_hub_refused_clients_total{reason=\"bad_credentials\"}"));
        Assert.Equal(1, scrape.Value("fleetops_hub_refused_publishes_total"));
        Assert.Equal(1, scrape.Value("fleetops_hub_refused_subscriptions_total"));
        Assert.Equal(1, scrape.Value("fleetops_hub_journal_gaps_total"));
        Assert.Equal(0, agent.AckedSeq);
        foreach (var duration in new[] { "fleetops_hub_git_fetch", "fleetops_hub_render" })
        {
            Assert.Contains($"# TYPE {duration}_seconds histogram", scrape.Text);
            Assert.True(scrape.Value($"{duration}_seconds_count") >= 1, $"{duration}_seconds_count");
            Assert.True(scrape.Value($"{duration}_seconds_sum") > 0, $"{duration}_seconds_sum");
            Assert.Equal(scrape.Value($"{duration}_seconds_count"), scrape.Value($"{duration}_seconds_bucket{{le=\"+Inf\"}}"));
            Assert.True(scrape.Value($"{duration}_last_seconds") > 0, $"{duration}_last_seconds");
        }
    }
}
