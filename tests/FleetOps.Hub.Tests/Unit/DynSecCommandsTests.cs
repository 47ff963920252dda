using FleetOps.Hub.Messaging.External.DynamicSecurity;
using FleetOps.Hub.Security;
using FleetOps.Shared.Contracts;
using FleetOps.Testing.Files;

namespace FleetOps.Hub.Tests.Unit;

/// <summary>What the hub asks of Mosquitto's dynamic-security plugin, and how it reads the answers.</summary>
public sealed class DynSecCommandsTests
{
    private const string Cluster = "store-0042";

    [Fact]
    public void AClustersRoleAllowsExactlyWhatTheEmbeddedBrokersRuleAllows()
    {
        var acls = DynSecCommands.AgentAcls(Cluster);
        var published = acls.Where(a => a.Type == "publishClientSend").Select(a => a.Topic).ToHashSet();
        var subscribed = acls.Where(a => a.Type == "subscribeLiteral").Select(a => a.Topic).ToHashSet();

        Assert.Equal(acls.Count, published.Count + subscribed.Count);
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            foreach (var id in new[] { Cluster, "store-0043" })
            {
                var topic = Topics.For(id, kind);
                Assert.Equal(TopicAcl.MayPublish(Cluster, topic), published.Contains(topic));
                Assert.Equal(TopicAcl.MaySubscribe(Cluster, topic), subscribed.Contains(topic));
            }
        }
    }

    [Fact]
    public void ACreatedClientMustUseItsClusterIdAsClientIdAndHoldsOnlyItsOwnRole()
    {
        var commands = DynSecCommands.CreateCluster(Cluster, "fot_secret");

        Assert.Equal(["createRole", "createClient"], commands.Select(c => (string)c["command"]!));
        Assert.Equal("fleetops-cluster-store-0042", (string)commands[0]["rolename"]!);
        var client = commands[1];
        Assert.Equal(Cluster, (string)client["username"]!);
        Assert.Equal(Cluster, (string)client["clientid"]!);
        Assert.Equal("fot_secret", (string)client["password"]!);
        Assert.Equal("fleetops-cluster-store-0042", (string)Assert.Single(client["roles"]!.AsArray())!["rolename"]!);
    }

    [Fact]
    public void TheHubsRoleCoversItsSharedSubscriptionsAndItsPublishesToEveryCluster()
    {
        var acls = DynSecCommands.HubAcls("hub");

        Assert.Contains(("subscribePattern", "$share/hub/fleetops/v1/clusters/#"), acls);
        foreach (var kind in new[] { MessageKind.Hello, MessageKind.Status, MessageKind.Journal, MessageKind.Presence })
            Assert.StartsWith("$share/hub/fleetops/v1/clusters/", Topics.AllClusters(kind, "hub"));
        Assert.Contains(("publishClientSend", "fleetops/v1/clusters/+/desired"), acls);
        Assert.Contains(("publishClientSend", "fleetops/v1/clusters/+/ack"), acls);
        Assert.DoesNotContain(acls, a => a.Type == "publishClientSend" && a.Topic.EndsWith("/status", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePluginsAnswersKeepTheirCorrelationErrorAndData()
    {
        var parsed = DynSecResponses.Parse(File.ReadAllBytes(TestData.PathOf("dynsec", "responses.json")));

        Assert.Equal(4, parsed.Count);
        Assert.Equal(("7f3a", "createRole", "Role already exists"), (parsed[0].Correlation, parsed[0].Response.Command, parsed[0].Response.Error));
        Assert.True(parsed[1].Response.Succeeded);
        Assert.Equal("admin", (string)parsed[2].Response.Data!["client"]!["roles"]![0]!["rolename"]!);
        Assert.Null(parsed[3].Correlation);
    }

    [Fact]
    public void AnAnswerThatIsNotThePluginsJsonIsRefused() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => DynSecResponses.Parse("{\"result\":1}"u8.ToArray()));
}
